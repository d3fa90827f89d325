package io.switchboard.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The top-level {@code usage} object of a complete answer's body, read once per answer. Two policies need it on
 * the way back (the target's token bucket settles on it, then the budget prices it) and each used to stream
 * through the body again: a memo of the last body seen on each thread turns the second read into a lookup,
 * since both run on the thread that completed the upstream call. The body is matched by identity, so a memo
 * can never answer for another answer; a miss (another thread, another body) just reads the body.
 *
 * <p>The node is shared between its readers, which must not change it. Each thread keeps at most one body
 * reachable until its next answer.
 */
public final class AnswerUsage {
    private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

    private record Memo(byte[] body, JsonNode usage) {}

    private AnswerUsage() {}

    /** The body's top-level {@code usage} value, or null when it has none or is not a JSON object. */
    public static JsonNode of(byte[] body) {
        Memo last = LAST.get();
        if (last != null && last.body == body) return last.usage;
        JsonNode usage = EngineJson.topLevelField(body, "usage");
        LAST.set(new Memo(body, usage));
        return usage;
    }
}
