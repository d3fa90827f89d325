package io.switchboard.core.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognises, without parsing, the stream events that carry nothing but output text (or tool arguments or
 * thinking): they never hold usage, a stop or an error. When in doubt an event is not one of them, which only
 * costs a parse. Metering and stream recovery both use it to leave such events unparsed unless they need them.
 * Event names follow OpenAI's streaming reference (Chat chunks have none; Responses names each
 * event by its {@code type}) and Anthropic's Messages streaming reference (every event named by its type).
 */
public final class DeltaEvents {
    private static final String OPEN_CHUNK = "\"finish_reason\":null";
    private static final String USAGE = "\"usage\":{";
    private static final String ERROR = "\"error\"";
    private static final byte[] OPEN_CHUNK_BYTES = OPEN_CHUNK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_BYTES = USAGE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_BYTES = ERROR.getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private DeltaEvents() {}

    public static boolean onlyText(WireFormatId format, SseEvent event) {
        String data = event.data();
        if (data == null) return false;
        String name = event.event();
        return switch (format) {
            // A chunk still open (finish_reason null) and without a usage object or an error key. JSON-escaped
            // text cannot contain these quoted forms, and a chunk formatted with spaces is simply parsed.
            case OPENAI_CHAT -> data.contains(OPEN_CHUNK) && !data.contains(USAGE) && !data.contains(ERROR);
            default -> onlyTextByName(format, name);
        };
    }

    /**
     * As {@link #onlyText(WireFormatId, SseEvent)} for an event not decoded yet: its name and its data as UTF-8 in
     * {@code data[0, length)}. The same answer, since the markers are ASCII and UTF-8 never encodes other
     * characters with ASCII bytes.
     */
    public static boolean onlyText(WireFormatId format, String name, byte[] data, int length) {
        return format == WireFormatId.OPENAI_CHAT ? openChunk(data, length) : onlyTextByName(format, name);
    }

    private static boolean onlyTextByName(WireFormatId format, String name) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> "content_block_delta".equals(name) || "ping".equals(name);
            case OPENAI_RESPONSES -> name != null && name.endsWith(".delta");
            case OPENAI_CHAT -> false;
        };
    }

    /**
     * The Chat test on bytes, in one pass: every marker starts with a quote, so only the quotes are looked at,
     * found eight bytes at a time. Searching each marker byte by byte took seven times as long as decoding the
     * event and using {@code String.contains} (which the JIT vectorises); this takes about as long as the
     * decoding alone, without the String.
     */
    private static boolean openChunk(byte[] data, int length) {
        boolean open = false;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long x = (long) LONGS.get(data, i) ^ QUOTES;
            // A high bit in each byte that was a quote (and perhaps in some after one: each is checked anyway).
            long quotes = (x - ONES) & ~x & HIGH_BITS;
            while (quotes != 0) {
                int verdict = markerAt(data, length, i + (Long.numberOfTrailingZeros(quotes) >>> 3));
                if (verdict < 0) return false;
                open |= verdict > 0;
                quotes &= quotes - 1;
            }
        }
        for (; i < length; i++) {
            int verdict = markerAt(data, length, i);
            if (verdict < 0) return false;
            open |= verdict > 0;
        }
        return open;
    }

    /** 1 when the open-chunk marker starts at {@code i}, -1 for the usage or error marker, else 0. */
    private static int markerAt(byte[] data, int length, int i) {
        if (i + 1 >= length) return 0;
        return switch (data[i + 1]) {
            case 'f' -> startsWith(data, length, i, OPEN_CHUNK_BYTES) ? 1 : 0;
            case 'u' -> startsWith(data, length, i, USAGE_BYTES) ? -1 : 0;
            case 'e' -> startsWith(data, length, i, ERROR_BYTES) ? -1 : 0;
            default -> 0;
        };
    }

    private static boolean startsWith(byte[] data, int length, int i, byte[] marker) {
        return i + marker.length <= length && Arrays.equals(data, i, i + marker.length, marker, 0, marker.length);
    }
}
