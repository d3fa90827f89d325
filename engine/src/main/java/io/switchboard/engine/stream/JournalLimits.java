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

    public static final JournalLimits DEFAULTS = new JournalLimits(10_000, 96L << 20, 8L << 20, Duration.ofMinutes(10));

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
