package io.switchboard.core.model;

import java.util.List;
import java.util.Objects;

public record Message(Role role, List<ContentPart> parts) {
    public Message {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
    }

    public static Message user(String text) { return new Message(Role.USER, List.of(new ContentPart.Text(text))); }

    public static Message assistant(String text) { return new Message(Role.ASSISTANT, List.of(new ContentPart.Text(text))); }

    /** The concatenated text parts, ignoring everything else. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : parts) if (p instanceof ContentPart.Text t) sb.append(t.text());
        return sb.toString();
    }
}
