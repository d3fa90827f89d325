package io.switchboard.engine.stream;

import io.switchboard.core.wire.WireFormatId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every stream the gateway relays, by stream id, each a {@link StreamLog} of its events. In memory and
 * bounded by {@link JournalLimits} (count, bytes per stream, bytes overall, time to live by the injected
 * clock); with a {@link StreamStore} every event is also written behind to a durable store, and a stream no
 * longer in memory (evicted, or from before a restart) is read back from it.
 *
 * <pre>{@code
 * StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, Clock.systemUTC());
 * StreamLog log = journal.open("key-1", WireFormatId.OPENAI_CHAT);
 * log.append(SseEvent.data("{...}"), -1);
 * }</pre>
 */
public final class StreamJournal implements AutoCloseable {
    /** Stream ids are resume capabilities, so unguessable; DRBG is pure Java, no file read per id as NativePRNG does. */
    private static final SecureRandom RANDOM = drbg();
    private static final java.time.Duration SWEEP_INTERVAL = java.time.Duration.ofSeconds(1);

    private final JournalLimits limits;
    private final Clock clock;
    private final StreamStore store;
    private final Executor storeExecutor;
    private final Map<String, StreamLog> streams = new ConcurrentHashMap<>();
    private final Map<String, String> byResponse = new ConcurrentHashMap<>();
    /** Finished streams in the order they finished, which is their last-touched order: eviction's queue. */
    private final ConcurrentLinkedQueue<StreamLog> finishedOrder = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final FrameRing frameRing;
    private volatile Instant lastSweep = Instant.MIN;

    /** In memory only. */
    public StreamJournal(JournalLimits limits, Clock clock) { this(limits, clock, null, Runnable::run); }

    /**
     * @param store         durable copy, or null for memory only
     * @param storeExecutor where blocking store reads run (never an event loop)
     */
    public StreamJournal(JournalLimits limits, Clock clock, StreamStore store, Executor storeExecutor) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = store;
        this.storeExecutor = Objects.requireNonNull(storeExecutor, "storeExecutor");
        // A little over the budget: concurrent appends can overshoot it by a few frames before it is enforced.
        this.frameRing = new FrameRing(limits.maxBytes() + (1 << 20));
    }

    public JournalLimits limits() { return limits; }

    /** Where finished streams keep their frames; as large as the byte budget (see {@link FrameRing}). */
    FrameRing frameRing() { return frameRing; }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** Opens a new stream for {@code keyId} with a fresh unguessable id ({@code str_} + 32 hex digits). */
    public StreamLog open(String keyId, WireFormatId format) {
        sweepIfDue();
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        StreamLog log = new StreamLog("str_" + HexFormat.of().formatHex(random), keyId, format, clock, this);
        streams.put(log.id(), log);
        bytes.addAndGet(JournalLimits.STREAM_OVERHEAD_BYTES);
        if (store != null) store.opened(log.id(), keyId, format, log.createdAt());
        enforceCount();
        return log;
    }

    /** The stream, if still in memory. */
    public Optional<StreamLog> get(String streamId) { return Optional.ofNullable(streams.get(streamId)); }

    /** The stream from memory, else from the durable store (read off the event loop). */
    public CompletionStage<Optional<StreamLog>> find(String streamId) {
        StreamLog live = streams.get(streamId);
        if (live != null || store == null) return CompletableFuture.completedFuture(Optional.ofNullable(live));
        return CompletableFuture.supplyAsync(() -> store.load(streamId, clock, this), storeExecutor);
    }

    /** The stream that carried OpenAI Responses id {@code responseId}, from memory or the store. */
    public CompletionStage<Optional<StreamLog>> findByResponse(String responseId) {
        String streamId = byResponse.get(responseId);
        if (streamId != null) return find(streamId);
        if (store == null) return CompletableFuture.completedFuture(Optional.empty());
        return CompletableFuture.supplyAsync(() -> store.streamOfResponse(responseId), storeExecutor)
                .thenCompose(id -> id.map(this::find).orElse(CompletableFuture.completedFuture(Optional.empty())));
    }

    /** Records that {@code log} carries Responses id {@code responseId}. */
    public void bindResponse(StreamLog log, String responseId) {
        if (responseId == null || log.responseId() != null) return;
        log.responseId(responseId);
        byResponse.put(responseId, log.id());
        if (store != null) store.responseBound(log.id(), responseId);
    }

    /** Streams held in memory. */
    public int size() { return streams.size(); }

    /** Bytes held in memory, overheads included. */
    public long retainedBytes() { return bytes.get(); }

    /** Sweeps at most once a second: opening a stream must not walk every stream each time. */
    private void sweepIfDue() {
        Instant now = clock.instant();
        if (lastSweep.plus(SWEEP_INTERVAL).isAfter(now)) return;
        lastSweep = now;
        sweep();
    }

    /** Forgets streams whose last event is older than the time to live. */
    public void sweep() {
        Instant cutoff = clock.instant().minus(limits.ttl());
        for (StreamLog log : streams.values()) {
            if (log.touchedAt().isBefore(cutoff)) evict(log);
        }
        if (store != null) store.expire(cutoff);
        dropStaleFinished();
    }

    /** Unqueues finished streams at the head that are gone already (expired), so the queue stays bounded. */
    private void dropStaleFinished() {
        StreamLog head;
        while ((head = finishedOrder.peek()) != null && streams.get(head.id()) != head) finishedOrder.remove(head);
    }

    void appended(StreamLog log, int index, byte[] frame, long sequence, long added) {
        bytes.addAndGet(added);
        if (store != null && streams.get(log.id()) == log) store.appended(log.id(), index, frame, sequence);
        if (log.retainedBytes() > limits.maxStreamBytes()) {
            bytes.addAndGet(-log.trimTo(limits.maxStreamBytes() * 3 / 4));
        }
        if (bytes.get() > limits.maxBytes()) enforceBytes();
    }

    void adjust(StreamLog log, long delta) { bytes.addAndGet(delta); }

    void finished(StreamLog log) {
        if (streams.get(log.id()) != log) return;
        finishedOrder.add(log);
        if (store != null) store.finished(log.id(), log.state());
    }

    /** Evicts the longest-finished stream still held; false when no finished stream is left. */
    private boolean evictOldestFinished() {
        StreamLog log;
        while ((log = finishedOrder.poll()) != null) {
            if (streams.get(log.id()) == log) {
                evict(log);
                return true;
            }
        }
        return false;
    }

    /**
     * Over the byte budget: finished streams go first, oldest first; then open streams lose their oldest events.
     * It frees down to 90% of the budget. Finished streams come off a queue in the order they finished; only
     * open streams are sorted, when no finished one is left.
     */
    private synchronized void enforceBytes() {
        if (bytes.get() <= limits.maxBytes()) return;
        long target = limits.maxBytes() / 10 * 9;
        while (bytes.get() > target && evictOldestFinished()) {
            // evicted one
        }
        if (bytes.get() <= target) return;
        for (StreamLog log : oldestFirst(false)) {
            long over = bytes.get() - target;
            if (over <= 0) return;
            long keep = Math.max(0, log.retainedBytes() - Math.max(over, log.retainedBytes() / 2));
            bytes.addAndGet(-log.trimTo(keep));
        }
    }

    /**
     * Over the stream count: the oldest finished streams go, else the oldest open ones stop being resumable.
     * It frees a tenth of the count (at least one), like {@link #enforceBytes}. Finished streams come off the
     * finished queue: sorting every stream here (once the journal was full, on every tenth of its count) took
     * milliseconds of an event loop, the p99 of time to first token at 2,000 streams/s.
     */
    private synchronized void enforceCount() {
        if (streams.size() <= limits.maxStreams()) return;
        int target = limits.maxStreams() - Math.max(1, limits.maxStreams() / 10);
        while (streams.size() > target && evictOldestFinished()) {
            // evicted one
        }
        if (streams.size() <= target) return;
        for (StreamLog log : oldestFirst(true)) {
            if (streams.size() <= target) return;
            evict(log);
        }
    }

    /**
     * The streams by last activity, oldest first (finished before open ones if {@code finishedFirst}). Sorts a
     * snapshot of the keys: the logs' own state and time change under concurrent appends, which would make the
     * sort inconsistent, and reading them (one under the log's lock) on every comparison made it slow.
     */
    private List<StreamLog> oldestFirst(boolean finishedFirst) {
        record Aged(StreamLog log, boolean open, long touchedNanos) {}
        List<Aged> aged = new ArrayList<>(streams.size());
        for (StreamLog log : streams.values()) {
            Instant t = log.touchedAt();
            aged.add(new Aged(log, finishedFirst && log.state() == StreamLog.State.OPEN,
                    t.getEpochSecond() * 1_000_000_000L + t.getNano()));
        }
        aged.sort(Comparator.comparing(Aged::open).thenComparingLong(Aged::touchedNanos));
        List<StreamLog> out = new ArrayList<>(aged.size());
        for (Aged a : aged) out.add(a.log());
        return out;
    }

    private void evict(StreamLog log) {
        if (!streams.remove(log.id(), log)) return;
        if (log.responseId() != null) byResponse.remove(log.responseId(), log.id());
        bytes.addAndGet(-JournalLimits.STREAM_OVERHEAD_BYTES);
        // Its producer and current readers may still hold it: from now on it keeps only what they need.
        log.unindex();
    }

    @Override
    public void close() {
        if (store != null) store.close();
    }
}
