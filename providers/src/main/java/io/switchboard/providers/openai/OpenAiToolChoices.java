package io.switchboard.providers.openai;

import static io.switchboard.providers.json.JsonFields.invalidValue;

import io.switchboard.core.model.ToolChoice;

/** The string forms of {@code tool_choice}, the same in Chat Completions and Responses (openai-openapi). */
public final class OpenAiToolChoices {
    private OpenAiToolChoices() {}

    /** {@code "auto"}, {@code "none"} or {@code "required"}; anything else is an invalid {@code tool_choice}. */
    public static ToolChoice mode(String value) {
        return switch (value) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> throw invalidValue("tool_choice", value, "'none', 'auto', and 'required'");
        };
    }
}
