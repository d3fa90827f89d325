package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimError;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}} (provider-apis.md A3; all four
 * keys always present, {@code param}/{@code code} may be null) and the errors the simulator raises with it.
 * Messages never contain the caller's API key.
 */
public final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {}

    /** The error body. */
    public static String errorBody(String message, String type, String param, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root.toString();
    }

    /** The body for a {@link SimError} raised by OpenAI endpoint code. */
    public static String errorBody(SimError e) {
        return errorBody(e.getMessage(), e.type(), e.param(), e.code());
    }

    /** The error {@code type} OpenAI uses for a status. */
    public static String errorType(int status) {
        if (status == 429) return "requests";
        if (status >= 500) return "server_error";
        return "invalid_request_error";
    }

    /** The error {@code code} OpenAI uses for a status, or null. */
    public static String errorCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    /** A plausible message for a scripted status fault. */
    public static String faultMessage(int status, String model, long retryAfterMs) {
        return switch (status) {
            case 400 -> "Invalid request (simulated fault).";
            case 401 -> "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.";
            case 403 -> "Your organization does not have access to this resource.";
            case 404 -> "The requested resource was not found.";
            case 408 -> "Request timed out.";
            case 409 -> "The request conflicted with another request.";
            case 429 -> rateLimitMessage(model, "requests per min (RPM)", 0, 0, 1, retryAfterMs);
            case 500 -> "The server had an error while processing your request. Sorry about that!";
            case 502 -> "Bad gateway.";
            case 503 -> "The engine is currently overloaded, please try again later.";
            case 504 -> "Gateway timeout.";
            default -> "Simulated error " + status + ".";
        };
    }

    /** The wording of OpenAI's rate-limit 429 (provider-apis.md A3). */
    public static String rateLimitMessage(String model, String dimension, long limit, long used, long requested, long retryAfterMs) {
        return "Rate limit reached for " + (model == null ? "default" : model)
                + " in organization org-simulator on " + dimension + ": Limit " + limit + ", Used " + used
                + ", Requested " + requested + ". Please try again in " + retryAfterMs
                + "ms. Visit https://platform.openai.com/account/rate-limits to learn more.";
    }

    static SimError invalid(String message, String param, String code) {
        return new SimError(400, "invalid_request_error", message, param, code);
    }

    static SimError missing(String param) {
        return invalid("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    static SimError invalidType(String param, String expected, com.fasterxml.jackson.databind.JsonNode actual) {
        return invalid("Invalid type for '" + param + "': expected " + expected + ", but got " + describe(actual)
                + " instead.", param, "invalid_type");
    }

    static SimError modelNotFound(String model) {
        return new SimError(404, "invalid_request_error",
                "The model `" + model + "` does not exist or you do not have access to it.", null, "model_not_found");
    }

    static SimError responseNotFound(String id) {
        return new SimError(404, "invalid_request_error", "No response found with id '" + id + "'.", null, null);
    }

    private static String describe(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isTextual()) return "a string";
        if (node.isIntegralNumber()) return "an integer";
        if (node.isNumber()) return "a decimal";
        if (node.isBoolean()) return "a boolean";
        if (node.isArray()) return "an array";
        return "an object";
    }
}
