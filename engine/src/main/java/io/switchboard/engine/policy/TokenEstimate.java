package io.switchboard.engine.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.Call;

/**
 * A quick upper-side guess of the tokens a call will use, taken from the token bucket before the call and
 * corrected with the real usage afterwards: about one token per four bytes of request body (the common
 * rule of thumb for English and JSON), plus the output limit the request declares.
 */
final class TokenEstimate {
    private static final String[] OUTPUT_LIMITS = {"max_completion_tokens", "max_tokens", "max_output_tokens"};

    private TokenEstimate() {}

    static long of(Call call) {
        long bodyBytes = call.rawBody() != null ? call.rawBody().length : call.body() != null ? call.body().toString().length() : 0;
        long output = 0;
        if (call.body() != null) {
            for (String field : OUTPUT_LIMITS) {
                JsonNode v = call.body().get(field);
                if (v != null && v.canConvertToLong() && v.asLong() > 0) {
                    output = v.asLong();
                    break;
                }
            }
        }
        return (bodyBytes + 3) / 4 + output;
    }
}
