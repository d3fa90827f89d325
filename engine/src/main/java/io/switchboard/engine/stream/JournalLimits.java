package io.switchboard.engine.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the in-memory {@link StreamJournal} may hold. Memory is bounded three ways: the number of streams,
 * the bytes of one stream (its oldest events are dropped beyond it) and the bytes of all streams together
 * (finished streams are evicted first, oldest first; then the oldest events of open streams are dropped).
 * Every retained event is counted as its framed bytes plus {@link #EVENT_OVERHEAD_BYTES}.
 *
 * @param maxStreams     streams kept at once
 * @param maxBytes       bytes kept over all streams
 * @param maxStreamBytes bytes kept for one stream
 * @param ttl            how long a stream stays resumable after its last event
 */
public record JournalLimits(int maxStreams, long maxBytes, long maxStreamBytes, Duration ttl) {
    /** What one retained event costs beyond its bytes: the array header, the list slot, the sequence number. */
    public static final int EVENT_OVERHEAD_BYTES = 64;
    /** What one stream costs beyond its events. */
    public static final int STREAM_OVERHEAD_BYTES = 512;

    /**
     * 32 MiB over all streams: about 4,000 finished streams of 20 chunks, ten minutes of resumability at a few
     * streams a second, two seconds at 2,000 a second. A larger journal is old-generation churn at high stream
     * rates: with 96 MiB in the default 288 MiB heap, G1 fell into full collections at 2,000 streams/s (measured
     * before finished streams moved to the {@link FrameRing}, which now takes this many bytes of heap once used).
     */
    public static final JournalLimits DEFAULTS = new JournalLimits(10_000, 32L << 20, 8L << 20, Duration.ofMinutes(10));

    public JournalLimits {
        Objects.requireNonNull(ttl, "ttl");
        if (maxStreams < 1) throw new IllegalArgumentException("max_streams must be positive, got " + maxStreams);
        if (maxStreamBytes < 1024) throw new IllegalArgumentException("max_stream_bytes must be at least 1024, got " + maxStreamBytes);
        if (maxBytes < maxStreamBytes) {
            throw new IllegalArgumentException("max_bytes (" + maxBytes + ") must be at least max_stream_bytes (" + maxStreamBytes + ")");
        }
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
}
