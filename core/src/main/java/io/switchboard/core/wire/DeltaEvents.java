package io.switchboard.core.wire;

/**
 * Recognises, without parsing, the stream events that carry nothing but output text (or tool arguments or
 * thinking): they never hold usage, a stop or an error. When in doubt an event is not one of them, which only
 * costs a parse. Metering and stream recovery both use it to leave such events unparsed unless they need them.
 * Event names follow OpenAI's streaming reference (Chat chunks have none; Responses names each
 * event by its {@code type}) and Anthropic's Messages streaming reference (every event named by its type).
 */
public final class DeltaEvents {
    private DeltaEvents() {}

    public static boolean onlyText(WireFormatId format, SseEvent event) {
        String data = event.data();
        if (data == null) return false;
        String name = event.event();
        return switch (format) {
            // A chunk still open (finish_reason null) and without a usage object or an error key. JSON-escaped
            // text cannot contain these quoted forms, and a chunk formatted with spaces is simply parsed.
            case OPENAI_CHAT -> data.contains("\"finish_reason\":null") && !data.contains("\"usage\":{")
                    && !data.contains("\"error\"");
            case ANTHROPIC_MESSAGES -> "content_block_delta".equals(name) || "ping".equals(name);
            case OPENAI_RESPONSES -> name != null && name.endsWith(".delta");
        };
    }
}
