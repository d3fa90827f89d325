package io.switchboard.core.model;

/**
 * How the model may use tools. {@code REQUIRED} is OpenAI's "required" and Anthropic's "any";
 * {@code NAMED} forces the tool {@code name}.
 */
public record ToolChoice(Mode mode, String name) {
    public enum Mode { AUTO, NONE, REQUIRED, NAMED }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice named(String name) { return new ToolChoice(Mode.NAMED, name); }
}
