package io.switchboard.engine.resilience;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One instance of a policy per target name (breaker, bulkhead, rate limiter, retry budget), created
 * on first use from a factory. Thread-safe; each target's instance is created exactly once.
 */
public final class PerTarget<T> {
    private final ConcurrentHashMap<String, T> byTarget = new ConcurrentHashMap<>();
    private final Function<String, T> factory;

    public PerTarget(Function<String, T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The target's instance, created now if it is the first request for it. */
    public T get(String target) {
        return byTarget.computeIfAbsent(Objects.requireNonNull(target, "target"), factory);
    }

    /** The target's instance if one exists. */
    public Optional<T> peek(String target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    public Set<String> targets() {
        return Set.copyOf(byTarget.keySet());
    }
}
