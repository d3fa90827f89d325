package io.switchboard.core.chain;

import java.util.Objects;

/**
 * A call that is forwarded as is to the one provider kind that serves it (embeddings, token counting,
 * retrieving a stored response, listing models), as opposed to a generation call that may be translated.
 *
 * @param providerKind   "openai" or "anthropic": the API that defines this endpoint
 * @param method         the HTTP method
 * @param pathAndQuery   the request path as the client sent it, from {@code /v1/...}, query string included
 */
public record Relay(String providerKind, String method, String pathAndQuery) {
    public Relay {
        Objects.requireNonNull(providerKind, "providerKind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }
}
