package io.switchboard.core.wire;

/** The three client-facing wire formats, and which provider speaks each natively. */
public enum WireFormatId {
    OPENAI_CHAT("openai", "/v1/chat/completions"),
    OPENAI_RESPONSES("openai", "/v1/responses"),
    ANTHROPIC_MESSAGES("anthropic", "/v1/messages");

    private final String provider;
    private final String path;

    WireFormatId(String provider, String path) {
        this.provider = provider;
        this.path = path;
    }

    /** The provider whose API this format is: "openai" or "anthropic". */
    public String provider() { return provider; }

    /** The request path, relative to the host (the OpenAI base URL already ends in /v1). */
    public String path() { return path; }
}
