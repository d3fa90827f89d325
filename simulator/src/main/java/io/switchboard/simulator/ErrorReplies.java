package io.switchboard.simulator;

import io.switchboard.simulator.openai.OpenAiErrors;
import java.util.Map;

/**
 * Provider-shaped error answers the server itself produces (auth, routing, body problems, rate limits, status
 * faults); endpoint refusals arrive as {@link SimError} and are rendered here too. Bodies come from
 * {@link OpenAiErrors} and {@link AnthropicWire}; nothing here ever echoes an API key.
 */
final class ErrorReplies {
    private ErrorReplies() {}

    static SimReply.Json of(Provider provider, SimError e, String requestId) {
        String body = provider == Provider.OPENAI
                ? OpenAiErrors.errorBody(e)
                : AnthropicWire.errorBody(e.status(), e.type(), e.getMessage(), requestId);
        return new SimReply.Json(e.status(), Map.of(), body);
    }

    /** An error with the provider's usual type for {@code status}. */
    static SimReply.Json of(Provider provider, int status, String message, String requestId) {
        return of(provider, new SimError(status, typeFor(provider, status), message, null, null), requestId);
    }

    static SimReply.Json malformedJson(Provider provider, String requestId) {
        String message = provider == Provider.OPENAI
                ? "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
                        + "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
                : "There was an error parsing the body of your request. The body must be a valid JSON object.";
        return of(provider, 400, message, requestId);
    }

    static SimReply.Json tooLarge(Provider provider, long limit, String requestId) {
        SimError e = provider == Provider.OPENAI
                ? new SimError(413, "invalid_request_error", "Request too large: the body exceeds " + limit + " bytes.", null, null)
                : new SimError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", null, null);
        return of(provider, e, requestId);
    }

    static SimReply.Json notFound(Provider provider, String method, String path, String requestId) {
        SimError e = provider == Provider.OPENAI
                ? new SimError(404, "invalid_request_error", "Invalid URL (" + method + " " + path + ")", null, null)
                : new SimError(404, "not_found_error", "Not Found", null, null);
        return of(provider, e, requestId);
    }

    static SimReply.Json missingKey(Provider provider, String requestId) {
        SimError e = provider == Provider.OPENAI
                ? new SimError(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key "
                        + "in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null)
                : new SimError(401, "authentication_error", "x-api-key header is required", null, null);
        return of(provider, e, requestId);
    }

    static SimReply.Json wrongKey(Provider provider, String requestId) {
        SimError e = provider == Provider.OPENAI
                ? new SimError(401, "invalid_request_error", "Incorrect API key provided. You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.", null, "invalid_api_key")
                : new SimError(401, "authentication_error", "invalid x-api-key", null, null);
        return of(provider, e, requestId);
    }

    /** The answer to a {@code status:NNN} fault. */
    static SimReply.Json statusFault(Provider provider, int status, String model, long retryAfterMs, String requestId) {
        if (provider == Provider.OPENAI) {
            return of(provider, new SimError(status, OpenAiErrors.errorType(status),
                    OpenAiErrors.faultMessage(status, model, retryAfterMs), null, OpenAiErrors.errorCode(status)), requestId);
        }
        String message = switch (status) {
            case 401 -> "invalid x-api-key";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "Not Found";
            case 429 -> "Number of requests has exceeded your rate limit (simulated). Please try again later.";
            case 500 -> "Internal server error";
            case 529 -> "Overloaded";
            default -> "Simulated error " + status;
        };
        return of(provider, status, message, requestId);
    }

    /** The 429 for a request over its rate limit. */
    static SimReply.Json rateLimited(Provider provider, String model, RateLimitState s, String requestId) {
        if (provider == Provider.OPENAI) {
            boolean tokens = "tokens".equals(s.exceeded());
            long limit = tokens ? s.tokenLimit() : s.requestLimit();
            long used = limit - (tokens ? s.tokensRemaining() : s.requestsRemaining());
            String message = OpenAiErrors.rateLimitMessage(model, tokens ? "tokens per min (TPM)" : "requests per min (RPM)",
                    limit, used, tokens ? s.tokensRequested() : 1, s.resetIn().toMillis());
            return of(provider, new SimError(429, s.exceeded(), message, null, "rate_limit_exceeded"), requestId);
        }
        String what = "tokens".equals(s.exceeded()) ? "request tokens" : "requests";
        return of(provider, 429, "Number of " + what + " has exceeded your per-minute rate limit "
                + "(https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. "
                + "Please try again later.", requestId);
    }

    private static String typeFor(Provider provider, int status) {
        return provider == Provider.OPENAI ? OpenAiErrors.errorType(status) : AnthropicWire.errorType(status);
    }
}
