package io.switchboard.simulator;

import java.util.List;
import java.util.Map;

/**
 * What an endpoint answers, before the server applies latency and faults. Endpoint code (OpenAI and
 * Anthropic wire classes) is pure: request in, {@code SimReply} out. The server owns timing, faults and I/O.
 */
public sealed interface SimReply {

    Map<String, String> headers();

    /** A complete JSON answer. */
    record Json(int status, Map<String, String> headers, String body) implements SimReply {}

    /**
     * A {@code text/event-stream} answer. Each frame is one complete SSE event, already framed
     * (e.g. {@code "event: x\ndata: {...}\n\n"}). {@code outputPieces} frames carry generated tokens and are
     * the ones the latency model spaces out; frames before the first such frame are sent at once.
     */
    record Stream(Map<String, String> headers, List<Frame> frames) implements SimReply {}

    /** One SSE frame; {@code tokens} is how many output tokens it carries (0 for framing events). */
    record Frame(String text, int tokens) {}
}
