package io.switchboard.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * An error in neutral form: what went wrong ({@code kind}), the HTTP status to answer with, and the
 * provider's own words. {@code param} and {@code code} are OpenAI's optional fields; {@code retryAfter}
 * is the server's hint, or null.
 */
public record ProviderError(ErrorKind kind, int status, String message, String param, String code, Duration retryAfter) {
    public ProviderError {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }

    public static ProviderError of(ErrorKind kind, String message) {
        return new ProviderError(kind, kind.defaultStatus(), message, null, null, null);
    }

    public ProviderError withParam(String p) { return new ProviderError(kind, status, message, p, code, retryAfter); }

    public ProviderError withCode(String c) { return new ProviderError(kind, status, message, param, c, retryAfter); }

    public ProviderError withRetryAfter(Duration d) { return new ProviderError(kind, status, message, param, code, d); }
}
