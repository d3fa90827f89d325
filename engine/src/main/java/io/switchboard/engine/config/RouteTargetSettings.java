package io.switchboard.engine.config;

/**
 * How one target of a route is ranked: {@code priority} (1 is served first; targets of equal priority share
 * traffic by {@code weight}) and the model's context window, used by context-length fallback.
 *
 * @param priority      1 or more; lower serves first
 * @param weight        share of traffic within the priority level, 1 or more
 * @param contextWindow the model's context window in tokens; 0 when not declared
 */
public record RouteTargetSettings(int priority, int weight, long contextWindow) {
    public RouteTargetSettings {
        if (priority < 1) throw new IllegalArgumentException("priority must be >= 1, got " + priority);
        if (weight < 1) throw new IllegalArgumentException("weight must be >= 1, got " + weight);
        if (contextWindow < 0) throw new IllegalArgumentException("context_window must be >= 0, got " + contextWindow);
    }

    /** The target at {@code position} (0-based) of a list without declared priorities: one level each, in order. */
    public static RouteTargetSettings inOrder(int position) { return new RouteTargetSettings(position + 1, 1, 0); }
}
