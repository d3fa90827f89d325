package io.switchboard.engine.stream;

import java.time.Duration;

/** Schedules the stall checks of stream recovery without blocking; Vert.x timers in the engine, manual in tests. */
@FunctionalInterface
public interface RecoveryTimers {
    /** Runs {@code task} after {@code delay} on the caller's event loop; the returned handle cancels it. */
    Runnable schedule(Duration delay, Runnable task);
}
