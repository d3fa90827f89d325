package io.switchboard.core.model;

import java.util.List;

/** A complete (non-streamed) answer. {@code createdAt} is unix seconds. */
public record ChatResponse(String id, String model, List<ContentPart> content, StopReason stopReason,
                           String stopSequence, Usage usage, long createdAt) {
    public ChatResponse {
        content = List.copyOf(content);
        usage = usage == null ? Usage.ZERO : usage;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : content) if (p instanceof ContentPart.Text t) sb.append(t.text());
        return sb.toString();
    }
}
