package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.openai.OpenAiErrors;

/**
 * Errors carried inside a Response: the {@code error: {code, message}} of a failed response and the stream
 * {@code error} event {@code {code, message, param}} (provider-apis.md A1). HTTP error bodies use
 * {@link OpenAiErrors}.
 */
final class ResponsesErrors {
    private ResponsesErrors() {}

    /** The neutral error for a Response {@code error} object or an {@code error} stream event. */
    static ProviderError decode(JsonNode error) {
        String code = Json.text(error, "code");
        String message = Json.text(error, "message");
        ErrorKind kind = kindOf(code);
        return new ProviderError(kind, kind.defaultStatus(), message == null ? "Upstream response failed" : message,
                Json.text(error, "param"), code, null);
    }

    /** The {@code error} stream event body. */
    static ObjectNode event(ProviderError error, int sequenceNumber) {
        String code = OpenAiErrors.codeFor(error);
        ObjectNode o = Json.object().put("type", "error");
        o.put("code", code != null ? code : OpenAiErrors.typeFor(error));
        o.put("message", error.message());
        o.put("param", error.param());
        o.put("sequence_number", sequenceNumber);
        return o;
    }

    private static ErrorKind kindOf(String code) {
        if (code == null) return ErrorKind.SERVER_ERROR;
        return switch (code) {
            case "rate_limit_exceeded" -> ErrorKind.RATE_LIMITED;
            case "insufficient_quota" -> ErrorKind.QUOTA_EXCEEDED;
            case "context_length_exceeded" -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case "vector_store_timeout" -> ErrorKind.TIMEOUT;
            case "server_error" -> ErrorKind.SERVER_ERROR;
            // invalid_prompt, the image codes and the rest describe the request.
            default -> code.startsWith("server") ? ErrorKind.SERVER_ERROR : ErrorKind.INVALID_REQUEST;
        };
    }
}
