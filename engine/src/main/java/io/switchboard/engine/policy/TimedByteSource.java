package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Cuts a stream that goes silent longer than {@code idle} between chunks, or that runs past the request's
 * deadline: the upstream is cancelled and the consumer gets the timeout as an error. One timer at a time:
 * the idle timer is re-armed lazily for what is left since the last chunk, not once per chunk. While the
 * consumer has paused the stream (a slow client) silence is ours, not the upstream's, and does not count.
 */
final class TimedByteSource implements ByteSource {
    private final ByteSource source;
    private final Timers timers;
    private final LongSupplier ticker;
    private final long idleNanos;
    private final long deadlineNanos;
    private final Supplier<Throwable> idleFailure;
    private final Supplier<Throwable> deadlineFailure;
    private Sink sink;
    private long lastActivity;
    private boolean paused, done;
    private Runnable idleTimer = () -> { };
    private Runnable totalTimer = () -> { };

    TimedByteSource(ByteSource source, Timers timers, LongSupplier ticker, Duration idle, long deadlineNanos,
                    Supplier<Throwable> idleFailure, Supplier<Throwable> deadlineFailure) {
        this.source = source;
        this.timers = timers;
        this.ticker = ticker;
        this.idleNanos = idle.toNanos();
        this.deadlineNanos = deadlineNanos;
        this.idleFailure = idleFailure;
        this.deadlineFailure = deadlineFailure;
    }

    @Override
    public void start(Sink downstream) {
        synchronized (this) {
            sink = downstream;
            lastActivity = ticker.getAsLong();
            armIdle(idleNanos);
            if (deadlineNanos != Long.MAX_VALUE) {
                totalTimer = timers.schedule(Duration.ofNanos(Math.max(0, deadlineNanos - lastActivity)), () -> expire(deadlineFailure));
            }
        }
        source.start(new Sink() {
            @Override
            public void onData(byte[] chunk) {
                synchronized (TimedByteSource.this) {
                    if (done) return;
                    lastActivity = ticker.getAsLong();
                }
                downstream.onData(chunk);
            }

            @Override
            public void onEnd() {
                if (finish()) downstream.onEnd();
            }

            @Override
            public void onError(Throwable failure) {
                if (finish()) downstream.onError(failure);
            }
        });
    }

    private void armIdle(long delayNanos) {
        idleTimer = timers.schedule(Duration.ofNanos(Math.max(1_000_000, delayNanos)), this::checkIdle);
    }

    private void checkIdle() {
        synchronized (this) {
            if (done) return;
            long now = ticker.getAsLong();
            if (paused) lastActivity = now;
            long silent = now - lastActivity;
            if (silent < idleNanos) {
                armIdle(idleNanos - silent);
                return;
            }
        }
        expire(idleFailure);
    }

    private void expire(Supplier<Throwable> failure) {
        if (!finish()) return;
        source.cancel();
        sink.onError(failure.get());
    }

    /** Marks the stream over and stops the timers; false if it already was. */
    private synchronized boolean finish() {
        if (done) return false;
        done = true;
        idleTimer.run();
        totalTimer.run();
        return true;
    }

    @Override
    public void pause() {
        synchronized (this) {
            paused = true;
        }
        source.pause();
    }

    @Override
    public void resume() {
        synchronized (this) {
            paused = false;
            lastActivity = ticker.getAsLong();
        }
        source.resume();
    }

    @Override
    public void cancel() {
        finish();
        source.cancel();
    }
}
