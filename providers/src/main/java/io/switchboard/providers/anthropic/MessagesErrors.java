package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.ErrorCodec;

/**
 * Anthropic's error envelope {@code {"type":"error","error":{"type","message"},"request_id"}} and the
 * status/type table of provider-apis.md B3. {@code request_id} is optional and left out: the neutral error has none.
 */
final class MessagesErrors {
    static final ErrorCodec CODEC = new ErrorCodec(MessagesErrors::decode, MessagesErrors::encode, MessagesErrors::statusFor);

    private MessagesErrors() {}

    static ProviderError decode(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            ErrorKind kind = ErrorKind.fromStatus(status);
            return new ProviderError(kind, status, "HTTP " + status + " from upstream", null, null, null);
        }
        String type = Json.text(error, "type");
        String message = Json.text(error, "message");
        ErrorKind kind = kindOf(type, status, message);
        return new ProviderError(kind, status > 0 ? status : kind.defaultStatus(),
                message == null ? "HTTP " + status + " from upstream" : message, null, null, null);
    }

    static ObjectNode encode(ProviderError error) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", typeOf(error.kind())).put("message", error.message());
        return body;
    }

    /** Anthropic answers an overload with 529; otherwise the error's own status is kept. */
    static int statusFor(ProviderError error) {
        if (error.kind() == ErrorKind.OVERLOADED) return 529;
        int status = error.status();
        return status >= 400 && status <= 599 ? status : error.kind().defaultStatus();
    }

    private static ErrorKind kindOf(String type, int status, String message) {
        if (type == null) return status > 0 ? ErrorKind.fromStatus(status) : ErrorKind.SERVER_ERROR;
        return switch (type) {
            case "invalid_request_error" -> {
                // Anthropic has no context-length code; its message is the only signal ("prompt is too long: …").
                if (message != null && (message.startsWith("prompt is too long") || message.contains("exceed context limit"))) {
                    yield ErrorKind.CONTEXT_LENGTH_EXCEEDED;
                }
                // The same type also covers 409, 413 and 422.
                yield status >= 400 && status < 500 ? ErrorKind.fromStatus(status) : ErrorKind.INVALID_REQUEST;
            }
            case "authentication_error" -> ErrorKind.AUTHENTICATION;
            case "billing_error" -> ErrorKind.BILLING;
            case "permission_error" -> ErrorKind.PERMISSION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "request_too_large" -> ErrorKind.REQUEST_TOO_LARGE;
            case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
            case "timeout_error" -> ErrorKind.TIMEOUT;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            case "api_error" -> status >= 500 ? ErrorKind.fromStatus(status) : ErrorKind.SERVER_ERROR;
            default -> status > 0 ? ErrorKind.fromStatus(status) : ErrorKind.SERVER_ERROR;
        };
    }

    private static String typeOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED, CONFLICT, UNPROCESSABLE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case BILLING -> "billing_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED, QUOTA_EXCEEDED -> "rate_limit_error";
            case SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE -> "api_error";
            case TIMEOUT -> "timeout_error";
            case OVERLOADED -> "overloaded_error";
        };
    }
}
