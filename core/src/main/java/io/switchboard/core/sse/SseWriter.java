package io.switchboard.core.sse;

import io.switchboard.core.wire.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * Frames an {@link SseEvent} for the wire: an {@code id:} line when the id is set, an {@code event:} line when
 * the event name is set, one {@code data:} line per line of data, then a blank line. {@link SseParser} reads
 * the result back to an equal event, except that a CR or CRLF inside the data comes back as LF (SSE cannot
 * carry a bare CR).
 */
public final class SseWriter {
    private SseWriter() {}

    /** The UTF-8 bytes of the framed event. */
    public static byte[] encode(SseEvent event) {
        String data = event.data() == null ? "" : event.data();
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            // The usual single-line event: one array, no intermediate String (this runs for every event relayed).
            byte[] head = head(event);
            byte[] body = data.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + body.length + 2];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            out[out.length - 2] = '\n';
            out[out.length - 1] = '\n';
            return out;
        }
        StringBuilder out = new StringBuilder(data.length() + 32);
        encode(event, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An {@code id: <id>} line followed by {@code len} bytes of {@code framed} from {@code off}: a frame written
     * without an id (see {@link SseParser.Frame#canonical()}) given one, with no decoding and encoding of its data.
     */
    public static byte[] withId(long id, byte[] framed, int off, int len) {
        if (id < 0) throw new IllegalArgumentException("id must not be negative: " + id);
        int digits = 1;
        for (long v = id; v >= 10; v /= 10) digits++;
        byte[] out = new byte[ID_PREFIX.length + digits + 1 + len];
        System.arraycopy(ID_PREFIX, 0, out, 0, ID_PREFIX.length);
        long v = id;
        for (int i = ID_PREFIX.length + digits - 1; i >= ID_PREFIX.length; i--, v /= 10) out[i] = (byte) ('0' + v % 10);
        out[ID_PREFIX.length + digits] = '\n';
        System.arraycopy(framed, off, out, ID_PREFIX.length + digits + 1, len);
        return out;
    }

    private static final byte[] ID_PREFIX = "id: ".getBytes(StandardCharsets.US_ASCII);

    /** The {@code id:} and {@code event:} lines and the {@code data: } prefix. */
    private static byte[] head(SseEvent event) {
        if (event.id() == null && event.event() == null) return DATA_PREFIX;
        StringBuilder head = new StringBuilder(48);
        appendFields(event, head);
        return head.append("data: ").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendFields(SseEvent event, StringBuilder out) {
        if (event.id() != null) out.append("id: ").append(singleLine(event.id(), "id")).append('\n');
        if (event.event() != null) out.append("event: ").append(singleLine(event.event(), "event")).append('\n');
    }

    private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);

    /**
     * Appends the framed event to {@code out}.
     *
     * @throws IllegalArgumentException if the id or event name contains a line break, which would end the field early
     */
    public static void encode(SseEvent event, StringBuilder out) {
        appendFields(event, out);
        String data = event.data() == null ? "" : event.data();
        int start = 0;
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            // CR is a line terminator for the reader too, so it has to start a new data line like LF does.
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < n && data.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        out.append("data: ").append(data, start, n).append('\n').append('\n');
    }

    private static String singleLine(String value, String field) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SSE " + field + " must not contain line breaks");
        }
        return value;
    }
}
