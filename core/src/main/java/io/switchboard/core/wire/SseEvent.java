package io.switchboard.core.wire;

/**
 * One server-sent event as framed on the wire (WHATWG HTML "server-sent events"): {@code event} is null
 * when the frame had no {@code event:} line (OpenAI Chat), {@code id} is null when it had no {@code id:} line.
 */
public record SseEvent(String event, String data, String id) {
    public static SseEvent data(String data) { return new SseEvent(null, data, null); }

    public static SseEvent of(String event, String data) { return new SseEvent(event, data, null); }

    public SseEvent withId(String newId) { return new SseEvent(event, data, newId); }
}
