package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * The timeouts for one attempt, each already clamped to what the request's {@link Deadline} has left.
 * {@code idle} is the gap allowed at the start of the attempt; the engine re-clamps each idle timer
 * to {@link Deadline#remaining()} when it arms it.
 */
public record AttemptTimeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {}
