package io.switchboard.engine.routing;

import io.switchboard.core.chain.Target;
import io.switchboard.engine.config.RouteSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which one request tries a route's targets: by priority (1 first), and within a priority by a
 * weighted random draw without replacement (Efraimidis-Spirakis: sort by {@code u^(1/weight)}), so a target
 * of weight 3 is first three times as often as one of weight 1 and the others remain as fallbacks in the
 * same level.
 */
public final class TargetRanking {
    private final RandomGenerator random;

    public TargetRanking(RandomGenerator random) { this.random = random; }

    /** {@code targets} (in route order, so {@code settings.target(i)} ranks target i) in trying order. */
    public List<RankedTarget> order(List<Target> targets, RouteSettings settings) {
        List<Keyed> keyed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            RankedTarget t = new RankedTarget(targets.get(i), settings.target(i));
            keyed.add(new Keyed(t, Math.pow(random.nextDouble(), 1.0 / t.rank().weight())));
        }
        keyed.sort(Comparator.comparingInt((Keyed k) -> k.target.rank().priority()).thenComparing(k -> -k.key));
        return keyed.stream().map(k -> k.target).toList();
    }

    private record Keyed(RankedTarget target, double key) {}
}
