package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.openai.BackgroundResponse;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler of every server instance: control paths go to {@link ControlApi}; provider requests are
 * checked in the providers' order (auth, route, body), then a scripted fault, then rate limits, then the
 * endpoint, and the answer is written by {@link ReplySender}. Never blocks; bad input always gets a 4xx in the
 * provider's shape.
 */
final class RequestRouter implements Handler<HttpServerRequest> {
    static final String FAULT_HEADER = "x-sim-fault";
    static final String RETRY_AFTER_HEADER = "x-sim-retry-after-ms";
    private static final long DEFAULT_RETRY_AFTER_MS = 1000;
    private static final String[] OUTPUT_CAP_FIELDS = {"max_tokens", "max_completion_tokens", "max_output_tokens"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final SimulatorState state;
    private final ControlApi control;
    private final ReplySender sender;
    private final BackgroundStreams background;
    private final RequestPolicy policy;

    RequestRouter(SimulatorState state, Vertx vertx) {
        this.state = state;
        this.control = new ControlApi(state);
        this.sender = new ReplySender(vertx, state.ticker);
        this.background = new BackgroundStreams(vertx, state.ticker);
        this.policy = new RequestPolicy(state);
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (req.path().startsWith("/sim/")) {
            control.handle(req);
            return;
        }
        Provider provider = Route.providerOf(req.path(), req.getHeader("anthropic-version"), req.getHeader("x-api-key"));
        Exchange ex = new Exchange(req, provider, state);
        BodyReader.read(req, state.config.maxBodyBytes(), body -> dispatch(ex, body), () -> {
            SimReply.Json reply = ErrorReplies.tooLarge(provider, state.config.maxBodyBytes(), ex.requestId);
            if (req.version() != HttpVersion.HTTP_2) {
                // The unread rest of the body would otherwise be parsed as the next request on this connection.
                ex.response.putHeader("connection", "close");
                ex.response.endHandler(v -> req.connection().close());
            }
            sender.json(ex, reply, null, LatencyModel.NONE);
        });
    }

    private void dispatch(Exchange ex, Buffer body) {
        HttpServerRequest req = ex.request;
        Route route = Route.match(ex.provider, req.method(), req.path());
        if (route != null) ex.pathKey = route.pattern;
        try {
            SimReply.Json refusal = policy.authenticate(ex);
            if (refusal != null) {
                reject(ex, refusal);
                return;
            }
            if (route == null) {
                reject(ex, ErrorReplies.notFound(ex.provider, req.method().name(), req.path(), ex.requestId));
                return;
            }
            JsonNode json = route.jsonBody ? parse(body) : null;
            if (route.jsonBody && json == null) {
                reject(ex, ErrorReplies.malformedJson(ex.provider, ex.requestId));
                return;
            }
            if (json != null && json.path("model").isTextual()) ex.model = json.get("model").asText();
            if (route == Route.MESSAGES || route == Route.COUNT_TOKENS) policy.requireAnthropicVersion(ex);
            FaultChoice fault = policy.fault(ex);
            if (fault != null && fault.fault() instanceof Fault.Status s) {
                statusFault(ex, s.code(), fault.retryAfterMs());
                return;
            }
            if (fault != null && fault.fault() instanceof Fault.Reset) {
                ex.drop();
                return;
            }
            if (route.generates && ex.model != null) {
                ex.limits = state.limiter.admit(ex.provider, ex.model, tokenEstimate(json, body.length()));
                if (!ex.limits.admitted()) {
                    Map<String, String> headers = new HashMap<>();
                    RateLimitHeaders.retryAfter(ex.limits.resetIn().toMillis(), headers);
                    SimReply.Json reply = ErrorReplies.rateLimited(ex.provider, ex.model, ex.limits, ex.requestId);
                    reject(ex, new SimReply.Json(429, headers, reply.body()));
                    return;
                }
            }
            invoke(ex, route, json, fault == null ? null : fault.fault());
        } catch (SimError e) {
            reject(ex, ErrorReplies.of(ex.provider, e, ex.requestId));
        } catch (RuntimeException e) {
            // A simulator bug must still answer (as the provider's 500) rather than leave the client hanging.
            LOG.error("internal error on {} {}", req.method(), req.path(), e);
            if (!ex.gone()) reject(ex, ErrorReplies.of(ex.provider, 500, "The server had an error while processing your request.", ex.requestId));
        }
    }

    private void invoke(Exchange ex, Route route, JsonNode json, Fault fault) {
        LatencyModel latency = state.config.latencyFor(ex.model);
        SimReply reply = switch (route) {
            case CHAT_COMPLETIONS -> state.openAi.chatCompletions(json);
            case RESPONSES_CREATE -> {
                if (!json.path("background").asBoolean(false)) yield state.openAi.responses(json);
                BackgroundResponse started = state.openAi.startBackground(json);
                String queued = started.json();
                background.play(started, latency);
                if (json.path("stream").asBoolean(false)) {
                    background.follow(ex, started, -1, fault);
                } else {
                    // Background mode answers at once; the generation's latency applies to its events only.
                    sender.send(ex, new SimReply.Json(200, Map.of(), queued), fault, LatencyModel.NONE);
                }
                yield null;
            }
            case RESPONSES_RETRIEVE -> {
                String id = Route.responseId(ex.request.path());
                if (!"true".equals(ex.request.getParam("stream"))) yield state.openAi.retrieveResponse(id);
                BackgroundResponse found = state.openAi.findBackground(id);
                background.follow(ex, found, startingAfter(ex), fault);
                yield null;
            }
            case RESPONSES_CANCEL -> state.openAi.cancelResponse(Route.responseId(ex.request.path()));
            case EMBEDDINGS -> state.openAi.embeddings(json);
            case OPENAI_MODELS -> state.openAi.models();
            case MESSAGES -> state.anthropic.messages(json);
            case COUNT_TOKENS -> state.anthropic.countTokens(json);
            case ANTHROPIC_MODELS -> new SimReply.Json(200, Map.of(), AnthropicWire.models().toString());
            case OPENAI_MODEL -> state.openAi.model(Route.modelId(ex.request.path()));
            case ANTHROPIC_MODEL -> new SimReply.Json(200, Map.of(), AnthropicWire.model(Route.modelId(ex.request.path())).toString());
        };
        if (reply == null) return;
        sender.send(ex, reply, fault, route.generates ? latency : LatencyModel.NONE);
    }

    private void statusFault(Exchange ex, int status, Long retryAfterMs) {
        long retry = retryAfterMs != null ? retryAfterMs : DEFAULT_RETRY_AFTER_MS;
        Map<String, String> headers = new HashMap<>();
        if (status == 429) {
            ex.limits = policy.exhausted(retry);
            RateLimitHeaders.retryAfter(retry, headers);
        } else if (retryAfterMs != null) {
            RateLimitHeaders.retryAfter(retry, headers);
        }
        SimReply.Json reply = ErrorReplies.statusFault(ex.provider, status, ex.model, retry, ex.requestId);
        reject(ex, new SimReply.Json(status, headers, reply.body()));
    }

    private void reject(Exchange ex, SimReply.Json reply) {
        sender.json(ex, reply, null, LatencyModel.NONE);
    }

    private static int startingAfter(Exchange ex) {
        String value = ex.request.getParam("starting_after");
        if (value == null) return -1;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SimError(400, "invalid_request_error", "Invalid 'starting_after': expected an integer.",
                    "starting_after", "invalid_type");
        }
    }

    /** Tokens a request may use: its input (about four bytes a token, as providers estimate) plus its output cap. */
    private static long tokenEstimate(JsonNode json, int bodyBytes) {
        long maxOutput = 0;
        for (String field : OUTPUT_CAP_FIELDS) {
            if (json.path(field).isIntegralNumber()) maxOutput = Math.max(maxOutput, json.get(field).asLong());
        }
        return bodyBytes / 4 + maxOutput;
    }

    private static JsonNode parse(Buffer body) {
        try {
            JsonNode node = JSON.readTree(body.getBytes());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
