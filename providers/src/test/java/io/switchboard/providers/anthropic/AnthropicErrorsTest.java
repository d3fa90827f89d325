package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.providers.Fixtures;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {
    private final AnthropicMessagesFormat format = new AnthropicMessagesFormat();

    @Test
    void decodesByErrorType() {
        assertThat(kind(400, "invalid_request_error", "messages: field required")).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(kind(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"))
                .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(kind(413, "invalid_request_error", "too big")).isEqualTo(ErrorKind.REQUEST_TOO_LARGE);
        assertThat(kind(401, "authentication_error", "invalid x-api-key")).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kind(402, "billing_error", "pay up")).isEqualTo(ErrorKind.BILLING);
        assertThat(kind(403, "permission_error", "no")).isEqualTo(ErrorKind.PERMISSION);
        assertThat(kind(404, "not_found_error", "model: claude-x")).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(kind(413, "request_too_large", "big")).isEqualTo(ErrorKind.REQUEST_TOO_LARGE);
        assertThat(kind(429, "rate_limit_error", "slow")).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(kind(500, "api_error", "oops")).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(kind(504, "timeout_error", "late")).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(kind(529, "overloaded_error", "Overloaded")).isEqualTo(ErrorKind.OVERLOADED);
    }

    @Test
    void otherBodiesFallBackToStatus() {
        assertThat(format.decodeError(503, null).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(format.decodeError(429, Fixtures.parse("{\"error\":\"busy\"}")).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        ProviderError e = format.decodeError(502, Fixtures.parse("[]"));
        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(e.message()).contains("502");
    }

    @Test
    void encodesEnvelopeWithoutRequestId() {
        var body = format.encodeError(ProviderError.of(ErrorKind.RATE_LIMITED, "slow down"));
        assertThat(body).isEqualTo(Fixtures.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
        assertThat(type(ErrorKind.INVALID_REQUEST)).isEqualTo("invalid_request_error");
        assertThat(type(ErrorKind.CONTEXT_LENGTH_EXCEEDED)).isEqualTo("invalid_request_error");
        assertThat(type(ErrorKind.AUTHENTICATION)).isEqualTo("authentication_error");
        assertThat(type(ErrorKind.BILLING)).isEqualTo("billing_error");
        assertThat(type(ErrorKind.PERMISSION)).isEqualTo("permission_error");
        assertThat(type(ErrorKind.NOT_FOUND)).isEqualTo("not_found_error");
        assertThat(type(ErrorKind.REQUEST_TOO_LARGE)).isEqualTo("request_too_large");
        assertThat(type(ErrorKind.QUOTA_EXCEEDED)).isEqualTo("rate_limit_error");
        assertThat(type(ErrorKind.SERVER_ERROR)).isEqualTo("api_error");
        assertThat(type(ErrorKind.TIMEOUT)).isEqualTo("timeout_error");
        assertThat(type(ErrorKind.OVERLOADED)).isEqualTo("overloaded_error");
    }

    @Test
    void answersOverloadWith529() {
        assertThat(format.statusFor(new ProviderError(ErrorKind.OVERLOADED, 503, "x", null, null, null))).isEqualTo(529);
        assertThat(format.statusFor(ProviderError.of(ErrorKind.NOT_FOUND, "x"))).isEqualTo(404);
        assertThat(format.statusFor(new ProviderError(ErrorKind.SERVER_ERROR, 0, "x", null, null, null))).isEqualTo(500);
    }

    private String type(ErrorKind kind) { return format.encodeError(ProviderError.of(kind, "m")).at("/error/type").asText(); }

    private ErrorKind kind(int status, String type, String message) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},\"request_id\":\"req_1\"}";
        ProviderError e = format.decodeError(status, Fixtures.parse(body));
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.status()).isEqualTo(status);
        return e.kind();
    }
}
