package io.switchboard.core.model;

/**
 * Provider-neutral error classes. Each format maps them to its own status and type:
 * OpenAI {@code error.type}/{@code code}, Anthropic {@code error.type}.
 */
public enum ErrorKind {
    INVALID_REQUEST(400),
    /** Prompt plus max tokens exceed the model's window (OpenAI code {@code context_length_exceeded}). */
    CONTEXT_LENGTH_EXCEEDED(400),
    AUTHENTICATION(401),
    /** Anthropic {@code billing_error}. */
    BILLING(402),
    PERMISSION(403),
    NOT_FOUND(404),
    CONFLICT(409),
    REQUEST_TOO_LARGE(413),
    UNPROCESSABLE(422),
    RATE_LIMITED(429),
    /** OpenAI {@code insufficient_quota}: a 429 that retrying will not fix. */
    QUOTA_EXCEEDED(429),
    SERVER_ERROR(500),
    BAD_GATEWAY(502),
    UNAVAILABLE(503),
    TIMEOUT(504),
    /** Anthropic 529 {@code overloaded_error}; OpenAI says 503 for the same condition. */
    OVERLOADED(529);

    private final int defaultStatus;

    ErrorKind(int defaultStatus) { this.defaultStatus = defaultStatus; }

    public int defaultStatus() { return defaultStatus; }

    /** Whether the same request may succeed if sent again later. */
    public boolean retryable() {
        return switch (this) {
            case RATE_LIMITED, SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE, TIMEOUT, OVERLOADED, CONFLICT -> true;
            default -> false;
        };
    }

    /** The neutral kind for a bare HTTP status, when the body says nothing more specific. */
    public static ErrorKind fromStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 402 -> BILLING;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> REQUEST_TOO_LARGE;
            case 422 -> UNPROCESSABLE;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            case 529 -> OVERLOADED;
            default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
        };
    }
}
