package io.switchboard.engine.stream;

import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The journal of one stream: its events in order, each framed for the wire with an {@code id:} line holding
 * its index (the resume token), plus who opened it and how it ended. Events are numbered from 0; when the
 * stream outgrows its share of memory its oldest events are dropped and {@link #firstIndex()} moves up.
 *
 * <p>Thread-safe: one producer appends on its event loop while readers on other event loops read. Readers
 * register as {@link Listener}s and are woken (never called with data) when something changes, so each reads
 * at its own pace on its own thread.
 */
public final class StreamLog {
    /** How a stream stands. */
    public enum State { OPEN, COMPLETE, INTERRUPTED }

    /** A reader waiting for events. {@link #wake} may be called from any thread and must return quickly. */
    public interface Listener {
        void wake();

        /** The next index this reader will read; events below the slowest reader's are kept when possible. */
        int position();
    }

    /** Told when readers cannot keep up, so the producer can stop reading its upstream (back-pressure). */
    public interface FlowControl {
        void pauseProducer();

        void resumeProducer();
    }

    /**
     * Events read from the journal.
     *
     * @param frames  framed events ({@code id:}, {@code event:}, {@code data:} lines and the blank line)
     * @param next    the index after the last frame
     * @param state   the stream's state when read; OPEN means more may come
     * @param expired the requested index was already dropped
     */
    public record Batch(List<byte[]> frames, int next, State state, boolean expired) {}

    /**
     * Events read from the journal as one array, as a reader sends them on.
     *
     * @param bytes {@code count} framed events back to back; empty when count is 0
     * @param last  the stream is complete and these are its last events
     * @see Batch
     */
    public record Joined(byte[] bytes, int count, int next, State state, boolean expired, boolean last) {}

    private static final byte[] NONE = new byte[0];

    private final String id;
    private final String keyId;
    private final WireFormatId format;
    private final Instant createdAt;
    private final Clock clock;
    private final StreamJournal owner;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final FrameList entries = new FrameList();
    private volatile String responseId;
    private volatile Instant touchedAt;
    private volatile FlowControl flow;
    private int firstIndex;
    private long bytes;
    private State state = State.OPEN;
    private int pausedReaders;
    private volatile boolean indexed = true;

    StreamLog(String id, String keyId, WireFormatId format, Clock clock, StreamJournal owner) {
        this.id = id;
        this.keyId = keyId;
        this.format = format;
        this.clock = clock;
        this.owner = owner;
        this.createdAt = clock.instant();
        this.touchedAt = createdAt;
    }

    public String id() { return id; }

    /** The id of the key that opened the stream; only it may resume. */
    public String keyId() { return keyId; }

    public WireFormatId format() { return format; }

    public Instant createdAt() { return createdAt; }

    /** When the last event arrived (or the stream was opened or ended). */
    public Instant touchedAt() { return touchedAt; }

    /** The OpenAI Responses id ({@code resp_...}) this stream carries, once known. */
    public String responseId() { return responseId; }

    void responseId(String v) { responseId = v; }

    public synchronized State state() { return state; }

    /** The index the next event will get. */
    public synchronized int endIndex() { return firstIndex + entries.size(); }

    /** The oldest index still kept. */
    public synchronized int firstIndex() { return firstIndex; }

    /** Bytes this stream holds, overheads included (see {@link JournalLimits}). */
    public synchronized long retainedBytes() { return bytes; }

    /** Whether {@code candidate} may resume this stream. */
    public boolean ownedBy(String candidate) { return keyId == null ? candidate == null : keyId.equals(candidate); }

    /**
     * Appends {@code event} (its own id, if any, is replaced by the index) and wakes readers.
     *
     * @param sequence the event's {@code sequence_number} (OpenAI Responses), or -1
     * @return the event's index
     */
    public int append(SseEvent event, long sequence) {
        return add(index -> SseWriter.encode(event.withId(Integer.toString(index))), sequence);
    }

    /**
     * As {@link #append(SseEvent, long)} for an event already framed, without an id, exactly as {@link SseWriter}
     * frames it ({@code len} bytes of {@code framed} from {@code off}, see {@code SseParser.Frame#canonical()}):
     * the journal adds the {@code id:} line in front instead of decoding and framing the event again.
     */
    public int appendFramed(byte[] framed, int off, int len, long sequence) {
        return add(index -> SseWriter.withId(index, framed, off, len), sequence);
    }

    private int add(IntFunction<byte[]> frameFor, long sequence) {
        int index;
        long added;
        byte[] frame;
        synchronized (this) {
            if (state != State.OPEN) throw new IllegalStateException("stream " + id + " has ended");
            index = firstIndex + entries.size();
            frame = frameFor.apply(index);
            entries.add(frame, sequence);
            added = cost(frame);
            bytes += added;
            touchedAt = clock.instant();
        }
        owner.appended(this, index, frame, sequence, added);
        if (!indexed) trimUnneeded();
        wakeAll();
        return index;
    }

    /** Marks the end of the stream; later appends fail. Ending twice keeps the first state. */
    public void finish(State end) {
        if (end == State.OPEN) throw new IllegalArgumentException("a stream cannot end OPEN");
        synchronized (this) {
            if (state != State.OPEN) return;
            state = end;
            touchedAt = clock.instant();
            // Only a stream the journal still holds (and counts) may go to its ring; see FrameRing.
            entries.pack(owner != null && indexed ? owner.frameRing() : null);
        }
        // The producer is done; a finished log stays resumable for minutes and must not keep it (and all it
        // holds) reachable that long.
        flow = null;
        if (owner != null) owner.finished(this);
        wakeAll();
    }

    /** Up to {@code max} framed events from {@code from}. */
    public synchronized Batch read(int from, int max) {
        if (from < firstIndex) return new Batch(List.of(), from, state, true);
        int start = from - firstIndex;
        int end = Math.min(entries.size(), start + Math.max(0, max));
        List<byte[]> frames = new ArrayList<>(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            byte[] frame = entries.frame(i);
            if (frame == null) return new Batch(List.of(), from, state, true); // the ring overwrote it
            frames.add(frame);
        }
        return new Batch(frames, firstIndex + Math.max(start, end), state, false);
    }

    /** As {@link #read}, the frames joined in one array (one copy, rather than one per frame and another to join them). */
    public synchronized Joined readJoined(int from, int max) {
        if (from < firstIndex) return new Joined(NONE, 0, from, state, true, false);
        int start = from - firstIndex;
        int end = Math.min(entries.size(), start + Math.max(0, max));
        if (end <= start) return new Joined(NONE, 0, from, state, false, false);
        byte[] bytes = entries.join(start, end);
        if (bytes == null) return new Joined(NONE, 0, from, state, true, false); // the ring overwrote them
        return new Joined(bytes, end - start, firstIndex + end, state, false, state == State.COMPLETE && end == entries.size());
    }

    /**
     * The index of the first event whose sequence number is greater than {@code sequence} (OpenAI's
     * {@code starting_after}), or {@link #endIndex()} when none is yet. Sequence numbers increase.
     */
    public synchronized int indexAfterSequence(long sequence) {
        int lo = 0, hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.sequence(mid) <= sequence) lo = mid + 1;
            else hi = mid;
        }
        return firstIndex + lo;
    }

    public void addListener(Listener l) { listeners.add(l); }

    public void removeListener(Listener l) {
        listeners.remove(l);
        if (!indexed) trimUnneeded();
    }

    /** The producer that feeds this stream, told to pause while a reader is paused. */
    public void flowControl(FlowControl f) { flow = f; }

    /** A reader's client cannot take more for now (true) or can again (false). */
    public void readerPaused(boolean paused) {
        boolean pause, resume;
        synchronized (this) {
            int before = pausedReaders;
            pausedReaders = Math.max(0, pausedReaders + (paused ? 1 : -1));
            pause = before == 0 && pausedReaders > 0;
            resume = before > 0 && pausedReaders == 0;
        }
        FlowControl f = flow;
        if (f == null) return;
        if (pause) f.pauseProducer();
        if (resume) f.resumeProducer();
    }

    /**
     * Builds a stream read back from a {@link StreamStore}: {@code frames} are already framed with their ids
     * and numbered from {@code firstIndex}. The result is ended and belongs to no journal's accounting.
     */
    static StreamLog restored(String id, String keyId, WireFormatId format, String responseId, Clock clock, int firstIndex,
                              List<byte[]> frames, long[] sequences, State state) {
        StreamLog log = new StreamLog(id, keyId, format, clock, null);
        log.responseId = responseId;
        log.firstIndex = firstIndex;
        for (int i = 0; i < frames.size(); i++) log.entries.add(frames.get(i), sequences[i]);
        log.entries.pack();
        log.state = state == State.OPEN ? State.INTERRUPTED : state;
        return log;
    }

    /** Drops the oldest events until at most {@code targetBytes} are kept; returns the bytes freed. */
    long trimTo(long targetBytes) {
        long freed = 0;
        synchronized (this) {
            int drop = 0;
            while (drop < entries.size() && bytes - freed > targetBytes) freed += cost(entries.length(drop++));
            dropFirst(drop, freed);
        }
        return freed;
    }

    /**
     * The journal no longer indexes this stream (it was evicted while open): from now on it keeps only
     * what its current readers still need.
     */
    void unindex() {
        indexed = false;
        trimUnneeded();
        // What the readers still need must leave the journal's ring before it is written over.
        synchronized (this) {
            entries.toHeap();
        }
    }

    private void trimUnneeded() {
        long freed = 0;
        synchronized (this) {
            if (indexed) return;
            int needed = endIndex();
            for (Listener l : listeners) needed = Math.min(needed, l.position());
            int drop = Math.max(0, Math.min(entries.size(), needed - firstIndex));
            for (int i = 0; i < drop; i++) freed += cost(entries.length(i));
            dropFirst(drop, freed);
        }
        if (freed > 0 && owner != null) owner.adjust(this, -freed);
    }

    private void dropFirst(int count, long freed) {
        if (count == 0) return;
        entries.dropFirst(count);
        firstIndex += count;
        bytes -= freed;
    }

    private void wakeAll() {
        for (Listener l : listeners) l.wake();
    }

    static long cost(byte[] frame) { return cost(frame.length); }

    private static long cost(int frameLength) { return frameLength + (long) JournalLimits.EVENT_OVERHEAD_BYTES; }

    @Override
    public String toString() { return "StreamLog[" + id + " " + format + " " + state + "]"; }
}
