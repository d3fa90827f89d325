package io.switchboard.simulator;

import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-request decisions that come before the endpoint: is the API key acceptable, is the Anthropic version
 * header there, and which fault (the {@code x-sim-fault} header wins over the scenario) applies.
 */
final class RequestPolicy {
    private final SimulatorState state;

    RequestPolicy(SimulatorState state) { this.state = state; }

    /** The 401 for a missing or (when one is required) wrong key, or null if the key is acceptable. */
    SimReply.Json authenticate(Exchange ex) {
        String key = apiKey(ex.request, ex.provider);
        if (key == null || key.isBlank()) return ErrorReplies.missingKey(ex.provider, ex.requestId);
        String required = state.config.requiredApiKey();
        if (required != null && !required.equals(key)) return ErrorReplies.wrongKey(ex.provider, ex.requestId);
        return null;
    }

    /** Anthropic refuses Messages calls without {@code anthropic-version} (provider-apis.md B0). */
    void requireAnthropicVersion(Exchange ex) {
        if (ex.request.getHeader("anthropic-version") == null) {
            throw new SimError(400, "invalid_request_error", "anthropic-version: header is required", null, null);
        }
    }

    /** The fault for this request, or null; a malformed fault header is a 400. */
    FaultChoice fault(Exchange ex) {
        Long retryAfter = retryAfterOverride(ex.request);
        String header = ex.request.getHeader(RequestRouter.FAULT_HEADER);
        if (header != null) {
            try {
                return new FaultChoice(Fault.parse(header), retryAfter);
            } catch (IllegalArgumentException e) {
                throw new SimError(400, "invalid_request_error", "Invalid " + RequestRouter.FAULT_HEADER + " header: "
                        + e.getMessage(), null, null);
            }
        }
        FaultChoice picked = state.scenario.pick(ex.provider, ex.model);
        if (picked != null && retryAfter != null) return new FaultChoice(picked.fault(), retryAfter);
        return picked;
    }

    /** Rate-limit state to report on a scripted 429: nothing left until the retry time. */
    RateLimitState exhausted(long retryAfterMs) {
        Duration wait = Duration.ofMillis(retryAfterMs);
        Instant now = state.config.clock().instant();
        return new RateLimitState("requests", RateLimiter.NOMINAL_REQUESTS, 0, RateLimiter.NOMINAL_TOKENS, 0, 0,
                now.plus(wait), wait);
    }

    private static Long retryAfterOverride(HttpServerRequest request) {
        String value = request.getHeader(RequestRouter.RETRY_AFTER_HEADER);
        if (value == null) return null;
        try {
            long ms = Long.parseLong(value.trim());
            if (ms < 0) throw new NumberFormatException();
            return ms;
        } catch (NumberFormatException e) {
            throw new SimError(400, "invalid_request_error", "Invalid " + RequestRouter.RETRY_AFTER_HEADER
                    + " header: expected a non-negative integer", null, null);
        }
    }

    /** OpenAI: {@code Authorization: Bearer}; Anthropic: {@code x-api-key}, or a bearer token for OAuth clients. */
    private static String apiKey(HttpServerRequest request, Provider provider) {
        if (provider == Provider.ANTHROPIC) {
            String key = request.getHeader("x-api-key");
            if (key != null) return key;
        }
        String auth = request.getHeader("authorization");
        if (auth == null) return null;
        return auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }
}
