package io.switchboard.engine.resilience;

/** Observer of breaker state changes (metrics, logs, routing). Called on the thread that caused the change. */
@FunctionalInterface
public interface BreakerListener {
    BreakerListener NONE = (target, from, to) -> { };

    void onTransition(String target, BreakerState from, BreakerState to);
}
