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
        StringBuilder out = new StringBuilder(event.data() == null ? 32 : event.data().length() + 32);
        encode(event, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends the framed event to {@code out}.
     *
     * @throws IllegalArgumentException if the id or event name contains a line break, which would end the field early
     */
    public static void encode(SseEvent event, StringBuilder out) {
        if (event.id() != null) out.append("id: ").append(singleLine(event.id(), "id")).append('\n');
        if (event.event() != null) out.append("event: ").append(singleLine(event.event(), "event")).append('\n');
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
