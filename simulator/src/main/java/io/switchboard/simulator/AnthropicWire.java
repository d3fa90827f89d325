package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Anthropic side of the simulator: pure request-to-reply functions for the Messages API. Refusals are thrown
 * as {@link SimError} (400 {@code invalid_request_error} with Anthropic's field-path messages, 404
 * {@code not_found_error} for an unknown model); the server renders them with {@link #errorBody}.
 *
 * <p>Replies are deterministic in their content: the same request always yields the same text, tool call and
 * usage. Ids ({@code msg_…}, {@code toolu_…}, {@code req_…}) mix a hash of the request with a per-instance
 * counter, so they are unique across calls and repeatable for a given sequence of calls. Thread-safe.
 */
public final class AnthropicWire {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String JSON_TYPE = "application/json";

    private final TextGenerator generator;
    private final AtomicLong calls = new AtomicLong();

    public AnthropicWire(TextGenerator generator) {
        this.generator = generator;
    }

    /** {@code POST /v1/messages}: a {@code Message} JSON answer, or an SSE stream when {@code "stream": true}. */
    public SimReply messages(JsonNode body) {
        AnthropicRequest request = AnthropicRequestParser.messages(body);
        long salt = saltFor(body);
        Generation generation = generator.generate(request.modelId(), request.promptText(), request.prefill(),
            request.maxTokens());
        AnthropicReply reply = AnthropicReply.compose(request, generation, id("msg_", salt, 1), id("toolu_", salt, 2));
        String requestId = id("req_", salt, 3);
        if (request.stream()) {
            return new SimReply.Stream(Map.of("content-type", "text/event-stream; charset=utf-8",
                "cache-control", "no-cache", "request-id", requestId), AnthropicStream.frames(reply));
        }
        return new SimReply.Json(200, jsonHeaders(requestId), AnthropicJson.message(reply));
    }

    /** {@code POST /v1/messages/count_tokens}: {@code {"input_tokens":N}}, equal to what messages would bill. */
    public SimReply countTokens(JsonNode body) {
        AnthropicRequest request = AnthropicRequestParser.countTokens(body);
        String model = request.modelId();
        int tokens = TokenCounter.count(model, request.promptText()) + TokenCounter.count(model, request.prefill())
            + TokenCounter.count(model, request.toolsText());
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("input_tokens", tokens);
        return new SimReply.Json(200, jsonHeaders(id("req_", saltFor(body), 3)), answer.toString());
    }

    /** Anthropic's error envelope; {@code requestId} is left out when null. */
    public static String errorBody(int status, String type, String message, String requestId) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("type", "error");
        root.putObject("error").put("type", type == null ? errorType(status) : type).put("message", message);
        if (requestId != null) root.put("request_id", requestId);
        return root.toString();
    }

    /** The {@code error.type} Anthropic uses for an HTTP status (errors page of the API docs). */
    public static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** {@code GET /v1/models}: every served snapshot, newest first, in Anthropic's list-page shape. */
    public static JsonNode models() {
        return AnthropicModels.list();
    }

    /** {@code GET /v1/models/{id}}: one {@code ModelInfo}; an alias answers with its snapshot. */
    public static JsonNode model(String id) {
        AnthropicModels.Model model = AnthropicModels.find(id);
        if (model == null) throw new SimError(404, "not_found_error", "model: " + id, "model", null);
        return AnthropicModels.info(model);
    }

    private long saltFor(JsonNode body) {
        return body.hashCode() * 0x9E3779B97F4A7C15L ^ calls.incrementAndGet();
    }

    /** {@code prefix} + "01" + 22 base62 characters, as Anthropic's ids look. */
    private static String id(String prefix, long salt, int kind) {
        SplittableRandom random = new SplittableRandom(salt * 31 + kind);
        StringBuilder sb = new StringBuilder(prefix.length() + 24).append(prefix).append("01");
        for (int i = 0; i < 22; i++) sb.append(BASE62.charAt(random.nextInt(BASE62.length())));
        return sb.toString();
    }

    private static Map<String, String> jsonHeaders(String requestId) {
        return Map.of("content-type", JSON_TYPE, "request-id", requestId);
    }
}
