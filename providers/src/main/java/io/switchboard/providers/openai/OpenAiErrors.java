package io.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.ErrorCodec;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}, shared by Chat Completions and
 * Responses (provider-apis.md A3). All four keys are always written; {@code param} and {@code code} may be null.
 */
public final class OpenAiErrors {
    /** These conventions as a format's error codec. */
    public static final ErrorCodec CODEC = new ErrorCodec(OpenAiErrors::decode, OpenAiErrors::encode, OpenAiErrors::statusFor);

    private OpenAiErrors() {}

    /** The neutral error for an upstream answer with HTTP {@code status}; any body shape is tolerated. */
    public static ProviderError decode(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || error.isNull()) return generic(status);
        if (error.isTextual()) return new ProviderError(ErrorKind.fromStatus(status), status, error.textValue(), null, null, null);
        if (!error.isObject()) return generic(status);
        String type = Json.text(error, "type");
        String code = codeOf(error);
        ErrorKind kind = kindOf(status > 0 ? ErrorKind.fromStatus(status) : kindOfType(type), type, code);
        String message = Json.text(error, "message");
        return new ProviderError(kind, status > 0 ? status : kind.defaultStatus(),
                message == null ? "HTTP " + status + " from upstream" : message, Json.text(error, "param"), code, null);
    }

    /** A mid-stream {@code {"error":{…}}} object, where no HTTP status tells the kind. */
    public static ProviderError decodeStreamError(JsonNode error) {
        ObjectNode wrapper = Json.object();
        wrapper.set("error", error);
        return decode(0, wrapper);
    }

    public static ObjectNode encode(ProviderError error) {
        ObjectNode inner = Json.object();
        inner.put("message", error.message());
        inner.put("type", typeOf(error.kind()));
        inner.put("param", error.param());
        inner.put("code", codeFor(error));
        ObjectNode body = Json.object();
        body.set("error", inner);
        return body;
    }

    /** The error's own code, else OpenAI's usual code for its kind ({@code invalid_api_key}, …), else null. */
    public static String codeFor(ProviderError error) {
        return error.code() != null ? error.code() : defaultCode(error.kind());
    }

    /** OpenAI's {@code error.type} for a neutral kind. */
    public static String typeFor(ProviderError error) { return typeOf(error.kind()); }

    /** OpenAI never answers 529: an overload is a 503 there. Otherwise the error's own status is kept. */
    public static int statusFor(ProviderError error) {
        if (error.kind() == ErrorKind.OVERLOADED) return 503;
        int status = error.status();
        return status >= 400 && status <= 599 && status != 529 ? status : error.kind().defaultStatus();
    }

    private static ProviderError generic(int status) {
        ErrorKind kind = ErrorKind.fromStatus(status);
        return new ProviderError(kind, status, "HTTP " + status + " from upstream", null, null, null);
    }

    private static String codeOf(JsonNode error) {
        JsonNode code = error.get("code");
        if (code == null || code.isNull()) return null;
        return code.isTextual() ? code.textValue() : code.asText();
    }

    private static ErrorKind kindOf(ErrorKind byStatus, String type, String code) {
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) return ErrorKind.QUOTA_EXCEEDED;
        if ("context_length_exceeded".equals(code)) return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
        return byStatus;
    }

    private static ErrorKind kindOfType(String type) {
        if (type == null) return ErrorKind.SERVER_ERROR;
        return switch (type) {
            case "invalid_request_error" -> ErrorKind.INVALID_REQUEST;
            case "authentication_error" -> ErrorKind.AUTHENTICATION;
            case "permission_error" -> ErrorKind.PERMISSION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "rate_limit_error", "requests", "tokens" -> ErrorKind.RATE_LIMITED;
            case "insufficient_quota" -> ErrorKind.QUOTA_EXCEEDED;
            default -> ErrorKind.SERVER_ERROR;
        };
    }

    private static String typeOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED, CONFLICT, REQUEST_TOO_LARGE, UNPROCESSABLE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            // OpenAI names the exhausted limit ("requests" or "tokens"); the neutral error does not say which.
            case RATE_LIMITED -> "requests";
            case QUOTA_EXCEEDED, BILLING -> "insufficient_quota";
            case SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE, TIMEOUT, OVERLOADED -> "server_error";
        };
    }

    private static String defaultCode(ErrorKind kind) {
        return switch (kind) {
            case CONTEXT_LENGTH_EXCEEDED -> "context_length_exceeded";
            case AUTHENTICATION -> "invalid_api_key";
            case NOT_FOUND -> "model_not_found";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case QUOTA_EXCEEDED, BILLING -> "insufficient_quota";
            default -> null;
        };
    }
}
