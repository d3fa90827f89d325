package io.switchboard.engine.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency distributions of upstream stream recovery, safe to update from any event loop.
 * <ul>
 *   <li>{@code breaks}: upstream streams that broke or stalled before their final event;</li>
 *   <li>{@code recovered} / {@code failed}: streams that ended normally after a break / ended with a recovery error;</li>
 *   <li>{@code attempts}: follow-up requests sent;</li>
 *   <li>{@code dedupedBytes}: event data dropped because the client already had it;</li>
 *   <li>recovery time: from noticing the break to the first continued event passed on;</li>
 *   <li>gap: from the last byte before the break to the first continued event (includes an idle timeout).</li>
 * </ul>
 */
public final class StreamRecoveryMetrics {
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final LongAdder breaks = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder dedupedBytes = new LongAdder();
    private final Recorder recoveryNanos = new Recorder(MAX_NANOS, 3);
    private final Recorder gapNanos = new Recorder(MAX_NANOS, 3);
    private final Histogram recoveryTotal = new Histogram(MAX_NANOS, 3);
    private final Histogram gapTotal = new Histogram(MAX_NANOS, 3);

    /**
     * A point-in-time view; times in milliseconds.
     */
    public record Snapshot(long breaks, long recovered, long failed, long attempts, long dedupedBytes,
                           double recoveryP50Ms, double recoveryP99Ms, double recoveryMaxMs,
                           double gapP50Ms, double gapP99Ms, double gapMaxMs) {}

    void broke() { breaks.increment(); }

    void attempted() { attempts.increment(); }

    void recovered(long recoveryTimeNanos, long gapTimeNanos) {
        recovered.increment();
        recoveryNanos.recordValue(clamp(recoveryTimeNanos));
        gapNanos.recordValue(clamp(gapTimeNanos));
    }

    void failed() { failed.increment(); }

    void deduped(long bytes) { if (bytes > 0) dedupedBytes.add(bytes); }

    public synchronized Snapshot snapshot() {
        recoveryTotal.add(recoveryNanos.getIntervalHistogram());
        gapTotal.add(gapNanos.getIntervalHistogram());
        return new Snapshot(breaks.sum(), recovered.sum(), failed.sum(), attempts.sum(), dedupedBytes.sum(),
                ms(recoveryTotal, 50), ms(recoveryTotal, 99), ms(recoveryTotal, 100),
                ms(gapTotal, 50), ms(gapTotal, 99), ms(gapTotal, 100));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
    }

    private static long clamp(long nanos) { return Math.max(0, Math.min(MAX_NANOS, nanos)); }
}
