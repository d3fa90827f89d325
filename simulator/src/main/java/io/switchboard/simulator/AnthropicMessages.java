package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code messages} array of a Messages request: shape validation on parse, the conversation rules
 * (non-empty content, tool_use/tool_result pairing, prefill without trailing whitespace) in
 * {@link #checkSemantics()}, which the parser runs only once the model is known, as the API does.
 *
 * <p>Per the Messages API reference, consecutive same-role messages are combined into one turn, the first message
 * may be from either role, and a final assistant message is a prefill the reply continues.
 */
final class AnthropicMessages {

    private record Entry(String role, AnthropicContent.Parsed content, boolean empty) {}

    private final List<Entry> entries;

    private AnthropicMessages(List<Entry> entries) {
        this.entries = entries;
    }

    static AnthropicMessages parse(JsonNode messages) {
        if (messages == null || messages.isNull()) throw AnthropicRequestParser.bad("messages", "Field required");
        if (!messages.isArray()) throw AnthropicRequestParser.bad("messages", "Input should be a valid list");
        if (messages.isEmpty()) throw AnthropicRequestParser.bad("messages", "at least one message is required");
        List<Entry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages." + i;
            if (message == null || !message.isObject()) throw AnthropicRequestParser.bad(at, "Input should be a valid dictionary");
            JsonNode role = message.get("role");
            if (role == null) throw AnthropicRequestParser.bad(at + ".role", "Field required");
            if (!role.isTextual() || !("user".equals(role.asText()) || "assistant".equals(role.asText()))) {
                throw AnthropicRequestParser.bad(at + ".role", "Input should be 'user' or 'assistant'");
            }
            JsonNode content = message.get("content");
            AnthropicContent.Parsed parsed = AnthropicContent.parse(content, at + ".content");
            boolean empty = content.isTextual() ? content.asText().isEmpty() : content.isEmpty();
            entries.add(new Entry(role.asText(), parsed, empty));
        }
        return new AnthropicMessages(List.copyOf(entries));
    }

    void checkSemantics() {
        int last = entries.size() - 1;
        for (int i = 0; i <= last; i++) {
            boolean finalAssistant = i == last && isAssistant(i);
            if (entries.get(i).empty() && !finalAssistant) {
                throw AnthropicRequestParser.bad("messages." + i,
                    "all messages must have non-empty content except for the optional final assistant message");
            }
        }
        if (isAssistant(last)) {
            String prefill = prefill();
            if (!prefill.isEmpty() && Character.isWhitespace(prefill.charAt(prefill.length() - 1))) {
                throw AnthropicRequestParser.bad("messages", "final assistant content cannot end with trailing whitespace");
            }
        }
        checkToolPairing();
    }

    /** Each assistant turn's tool_use ids must be answered by tool_results in the next turn, and only those. */
    private void checkToolPairing() {
        List<Integer> turnStarts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i == 0 || !entries.get(i).role().equals(entries.get(i - 1).role())) turnStarts.add(i);
        }
        List<String> pendingUses = List.of();
        for (int t = 0; t < turnStarts.size(); t++) {
            int start = turnStarts.get(t);
            int end = t + 1 < turnStarts.size() ? turnStarts.get(t + 1) : entries.size();
            List<String> uses = new ArrayList<>();
            List<String> results = new ArrayList<>();
            for (int i = start; i < end; i++) {
                uses.addAll(entries.get(i).content().toolUseIds());
                results.addAll(entries.get(i).content().toolResultIds());
            }
            for (String id : results) {
                if (!pendingUses.contains(id)) {
                    throw AnthropicRequestParser.bad("messages." + start, "unexpected `tool_use_id` found in `tool_result` "
                        + "blocks: " + id + ". Each `tool_result` block must have a corresponding `tool_use` block in "
                        + "the previous message.");
                }
            }
            List<String> unanswered = pendingUses.stream().filter(id -> !results.contains(id)).toList();
            if (!unanswered.isEmpty()) {
                throw AnthropicRequestParser.bad("messages." + start, "`tool_use` ids were found without `tool_result` "
                    + "blocks immediately after: " + String.join(", ", unanswered) + ". Each `tool_use` block must "
                    + "have a corresponding `tool_result` block in the next message.");
            }
            pendingUses = uses;
        }
    }

    /** The prompt-side text of every message except a final assistant prefill. */
    List<String> promptTexts() {
        int end = isAssistant(entries.size() - 1) ? entries.size() - 1 : entries.size();
        List<String> texts = new ArrayList<>(end);
        for (int i = 0; i < end; i++) texts.add(entries.get(i).content().promptText());
        return texts;
    }

    /** The text of the final assistant message, or "" when the conversation ends with the user. */
    String prefill() {
        int last = entries.size() - 1;
        return isAssistant(last) ? entries.get(last).content().plainText() : "";
    }

    AnthropicRequest.Turn lastTurn() {
        Entry last = entries.getLast();
        if ("assistant".equals(last.role())) return AnthropicRequest.Turn.ASSISTANT_PREFILL;
        return last.content().hasToolResult() ? AnthropicRequest.Turn.TOOL_RESULT : AnthropicRequest.Turn.USER_TEXT;
    }

    private boolean isAssistant(int i) {
        return "assistant".equals(entries.get(i).role());
    }
}
