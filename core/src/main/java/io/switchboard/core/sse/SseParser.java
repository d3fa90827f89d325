package io.switchboard.core.sse;

import io.switchboard.core.wire.SseEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser following the WHATWG HTML "server-sent events" interpretation
 * rules: fields {@code event}, {@code data} (several lines joined with LF), {@code id}; lines starting with
 * {@code :} are comments; lines end with CRLF, LF or CR; a blank line dispatches the frame. Input may be split
 * at any byte, including inside a UTF-8 sequence, because bytes are only decoded when a frame is dispatched.
 *
 * <p>Unlike the browser algorithm, {@link SseEvent#id()} is per frame (null when the frame had no {@code id:}
 * line): proxies re-frame events and must not invent ids. {@code retry} is ignored. Not thread-safe: one
 * parser per stream.
 *
 * <p>A parser made by {@link #frames} hands each frame over as a {@link Frame}: its event is decoded only when
 * asked for, and when the frame is written exactly as {@link SseWriter} would write its event, its bytes come
 * with it, so a proxy that re-frames events can reuse them instead of decoding and encoding every event.
 */
public final class SseParser {
    /** Default cap on one frame's buffered bytes; an upstream that never ends a line must not exhaust memory. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final byte CR = '\r', LF = '\n', COLON = ':', SPACE = ' ';
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] NONE = {};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;
    private static final long LFS = LF * ONES, CRS = CR * ONES;

    private final Consumer<SseEvent> sink;
    private final Consumer<Frame> frameSink;
    private final int maxFrameBytes;

    // Sized for a typical provider event (a Chat chunk's data is about 250 bytes); they grow for larger ones.
    // A stream runs up to three parsers, and their first buffers were 5 % of a stream's allocation at 1 KiB.
    // Only a line cut between two inputs is copied here, so this one starts empty and is made when needed.
    private byte[] line = NONE;
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;
    private String eventType;
    private String id;
    private boolean skipLineFeed;
    private boolean firstLine = true;
    private byte[] scratch;
    // Event names repeat on every frame; reuse the last String instead of decoding it each time.
    private byte[] lastEventBytes = NONE;
    private String lastEventName = "";
    // Frame mode only: the frame's lines as they came, while they are in SseWriter's form.
    private final FrameView view;
    private byte[] raw;
    private int rawLength;
    private boolean canonical = true;
    private boolean sawDataLine;
    private boolean lineEndedWithCr;

    public SseParser(Consumer<SseEvent> sink) { this(sink, DEFAULT_MAX_FRAME_BYTES); }

    /** @param maxFrameBytes the most bytes one line or one frame's data may hold; beyond it {@link #feed} throws */
    public SseParser(Consumer<SseEvent> sink, int maxFrameBytes) {
        this(Objects.requireNonNull(sink, "sink"), null, maxFrameBytes);
    }

    private SseParser(Consumer<SseEvent> sink, Consumer<Frame> frameSink, int maxFrameBytes) {
        if (maxFrameBytes <= 0) throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        this.sink = sink;
        this.frameSink = frameSink;
        this.maxFrameBytes = maxFrameBytes;
        this.view = frameSink == null ? null : new FrameView();
        this.raw = frameSink == null ? null : new byte[512];
    }

    /** A parser that hands over each frame as a {@link Frame} (valid only during the call) instead of an event. */
    public static SseParser frames(Consumer<Frame> sink) {
        return new SseParser(null, Objects.requireNonNull(sink, "sink"), DEFAULT_MAX_FRAME_BYTES);
    }

    /** One dispatched frame, seen during the sink's call only: it must not be kept. */
    public interface Frame {
        /** The frame's event, decoded on the first call. */
        SseEvent event();

        /** The frame's {@code event} field (null when absent or empty), as {@link #event()} would give it, without decoding the data. */
        String name();

        /**
         * The frame's data undecoded: its data lines joined by LF, as UTF-8, in {@code data()[0, dataLength())}.
         * Lets a reader look for ASCII markers without decoding every frame.
         */
        byte[] data();

        int dataLength();

        /**
         * Whether the frame came exactly as {@link SseWriter#encode(SseEvent)} writes its event: an optional
         * {@code event: } line, then {@code data: } lines, LF line ends, no {@code id}, comment or other field. Only then
         * are {@link #bytes()} valid. (Bytes that are not UTF-8 stay as they came, where decoding and encoding
         * would have replaced them.)
         */
        boolean canonical();

        /** The frame's bytes, blank line included, in {@code bytes()[0, length())}; valid when canonical. */
        byte[] bytes();

        int length();
    }

    /**
     * Parses {@code len} bytes from {@code bytes[off]}, dispatching each completed frame to the sink.
     *
     * @throws IllegalStateException when a line or frame exceeds the configured maximum
     */
    public void feed(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        int end = off + len;
        int i = off;
        if (skipLineFeed && i < end) {
            skipLineFeed = false;
            if (bytes[i] == LF) i++;
        }
        while (i < end) {
            int lineEnd = lineEnd(bytes, i, end);
            if (lineEnd == end) {
                appendToLine(bytes, i, end - i);
                return;
            }
            lineEndedWithCr = bytes[lineEnd] == CR;
            int next = lineEnd + 1;
            if (lineEndedWithCr) {
                if (next < end) {
                    if (bytes[next] == LF) next++;
                } else {
                    skipLineFeed = true;
                }
            }
            if (lineLength == 0) {
                // The whole line is in this input: read it where it is rather than copying it first.
                checkLine(lineEnd - i);
                processLine(bytes, i, lineEnd);
            } else {
                appendToLine(bytes, i, lineEnd - i);
                int length = lineLength;
                lineLength = 0;
                processLine(line, 0, length);
            }
            i = next;
        }
    }

    /**
     * The index of the first CR or LF in {@code bytes[from, end)}, or {@code end}. Eight bytes at a time: a
     * provider event is a line of a few hundred bytes, and a byte loop with an early exit is not vectorised.
     */
    private static int lineEnd(byte[] bytes, int from, int end) {
        int i = from;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long lf = word ^ LFS, cr = word ^ CRS;
            // A byte of lf or cr is zero where the word has an LF or a CR. (x - ONES) & ~x & HIGHS marks the
            // lowest zero byte exactly (a borrow can only mark bytes above it), which is the first one here.
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        while (i < end && bytes[i] != LF && bytes[i] != CR) i++;
        return i;
    }

    /** Parses the buffer's remaining bytes and advances its position to its limit. */
    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (scratch == null) scratch = new byte[8192];
        while (buffer.hasRemaining()) {
            int n = Math.min(scratch.length, buffer.remaining());
            buffer.get(scratch, 0, n);
            feed(scratch, 0, n);
        }
    }

    /**
     * Whether everything fed so far formed whole frames: no partial line, field or line ending is buffered. A
     * proxy that changes nothing may then forward the bytes it was fed instead of re-framing the events.
     */
    public boolean atFrameBoundary() {
        return lineLength == 0 && !hasData && eventType == null && id == null && !skipLineFeed;
    }

    /** Ends the stream: an unterminated trailing line or frame is discarded, as the spec requires. */
    public void end() {
        lineLength = 0;
        resetFrame();
        skipLineFeed = false;
    }

    private void checkLine(int length) {
        if (length > maxFrameBytes) throw new IllegalStateException("SSE line exceeds " + maxFrameBytes + " bytes");
    }

    private void appendToLine(byte[] bytes, int off, int len) {
        if (len == 0) return;
        int needed = lineLength + len;
        checkLine(needed);
        if (needed > line.length) line = Arrays.copyOf(line, Math.min(maxFrameBytes, Math.max(Math.max(needed, 256), line.length * 2)));
        System.arraycopy(bytes, off, line, lineLength, len);
        lineLength = needed;
    }

    /** Handles the line {@code buf[from, end)}, its line ending excluded. */
    private void processLine(byte[] buf, int from, int end) {
        int start = from;
        if (firstLine) {
            firstLine = false;
            // A UTF-8 byte order mark before the first line is not part of it.
            if (end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB && buf[start + 2] == (byte) 0xBF) start += 3;
        }
        if (frameSink != null && (start != from || lineEndedWithCr)) canonical = false;
        if (start == end) {
            dispatch();
            return;
        }
        if (buf[start] == COLON) {
            canonical = false;
            return;
        }
        int colon = start;
        while (colon < end && buf[colon] != COLON) colon++;
        int nameLength = colon - start;
        boolean oneSpace = colon + 1 < end && buf[colon + 1] == SPACE;
        int valueStart = colon < end ? colon + 1 : end;
        if (valueStart < end && buf[valueStart] == SPACE) valueStart++;
        int valueLength = end - valueStart;
        if (fieldIs(buf, DATA, start, nameLength)) {
            appendData(buf, valueStart, valueLength);
            if (frameSink != null) keepRaw(oneSpace, buf, from, end);
            sawDataLine = true;
        } else if (fieldIs(buf, EVENT, start, nameLength)) {
            if (frameSink != null) keepRaw(oneSpace && valueLength > 0 && eventType == null && !sawDataLine, buf, from, end);
            eventType = eventName(buf, valueStart, valueLength);
        } else {
            canonical = false;
            if (fieldIs(buf, ID, start, nameLength) && !containsNull(buf, valueStart, valueLength)) {
                id = new String(buf, valueStart, valueLength, StandardCharsets.UTF_8);
            }
        }
    }

    /** Frame mode: keeps the line as it came while the frame is still in SseWriter's form. */
    private void keepRaw(boolean asWriterWritesIt, byte[] buf, int from, int end) {
        if (!asWriterWritesIt) canonical = false;
        if (!canonical) return;
        int length = end - from;
        ensureRaw(rawLength + length + 2);
        System.arraycopy(buf, from, raw, rawLength, length);
        rawLength += length;
        raw[rawLength++] = LF;
    }

    private void ensureRaw(int needed) {
        if (needed > raw.length) raw = Arrays.copyOf(raw, Math.max(needed, raw.length * 2));
    }

    private static boolean fieldIs(byte[] buf, byte[] name, int start, int length) {
        return length == name.length && Arrays.equals(buf, start, start + length, name, 0, name.length);
    }

    private void appendData(byte[] buf, int off, int len) {
        int needed = dataLength + len + 1;
        if (needed > maxFrameBytes) throw new IllegalStateException("SSE frame data exceeds " + maxFrameBytes + " bytes");
        if (needed > data.length) data = Arrays.copyOf(data, Math.min(maxFrameBytes, Math.max(needed, data.length * 2)));
        System.arraycopy(buf, off, data, dataLength, len);
        dataLength += len;
        data[dataLength++] = LF;
        hasData = true;
    }

    private String eventName(byte[] buf, int off, int len) {
        if (!Arrays.equals(buf, off, off + len, lastEventBytes, 0, lastEventBytes.length)) {
            lastEventBytes = Arrays.copyOfRange(buf, off, off + len);
            lastEventName = new String(lastEventBytes, StandardCharsets.UTF_8);
        }
        return lastEventName;
    }

    private static boolean containsNull(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) if (buf[i] == 0) return true;
        return false;
    }

    private void dispatch() {
        if (!hasData) {
            resetFrame();
            return;
        }
        if (frameSink != null) {
            if (canonical) {
                ensureRaw(rawLength + 1);
                raw[rawLength++] = LF;
            }
            view.decoded = null;
            try {
                frameSink.accept(view);
            } finally {
                resetFrame();
            }
            return;
        }
        SseEvent event = decode();
        resetFrame();
        sink.accept(event);
    }

    private SseEvent decode() {
        // The data buffer always ends with the LF appended after its last line; the spec drops it.
        String text = new String(data, 0, dataLength - 1, StandardCharsets.UTF_8);
        return new SseEvent(eventTypeOrNull(), text, id);
    }

    private String eventTypeOrNull() { return eventType == null || eventType.isEmpty() ? null : eventType; }

    private void resetFrame() {
        dataLength = 0;
        hasData = false;
        eventType = null;
        id = null;
        rawLength = 0;
        canonical = true;
        sawDataLine = false;
    }

    private final class FrameView implements Frame {
        private SseEvent decoded;

        @Override
        public SseEvent event() {
            if (decoded == null) decoded = decode();
            return decoded;
        }

        @Override
        public String name() { return eventTypeOrNull(); }

        @Override
        public byte[] data() { return data; }

        @Override
        public int dataLength() { return dataLength - 1; } // without the LF appended after the last line

        @Override
        public boolean canonical() { return canonical; }

        @Override
        public byte[] bytes() { return raw; }

        @Override
        public int length() { return rawLength; }
    }
}
