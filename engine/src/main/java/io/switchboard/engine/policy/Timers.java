package io.switchboard.engine.policy;

import java.time.Duration;

/**
 * Schedules waits without blocking (backoff, bucket waits, attempt timeouts). The engine uses Vert.x timers;
 * tests substitute a manual one.
 */
@FunctionalInterface
public interface Timers {
    /** Runs {@code task} after {@code delay}; the returned handle cancels it if it has not run yet. */
    Runnable schedule(Duration delay, Runnable task);
}
