package io.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.openai.chat.OpenAiChatFormat;
import io.switchboard.providers.openai.responses.OpenAiResponsesFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
    private final List<WireFormat> formats = List.of(new OpenAiChatFormat(), new OpenAiResponsesFormat());

    @Test
    void decodesByStatusAndRefinesByCode() {
        for (WireFormat f : formats) {
            assertThat(decode(f, 400, "invalid_request_error", "messages", null).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(decode(f, 400, "invalid_request_error", "messages", "context_length_exceeded").kind())
                    .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
            assertThat(decode(f, 401, "invalid_request_error", null, "invalid_api_key").kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(decode(f, 403, "permission_error", null, null).kind()).isEqualTo(ErrorKind.PERMISSION);
            assertThat(decode(f, 404, "invalid_request_error", "model", "model_not_found").kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(decode(f, 429, "tokens", null, "rate_limit_exceeded").kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(decode(f, 429, "insufficient_quota", null, "insufficient_quota").kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
            assertThat(decode(f, 500, "server_error", null, null).kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(decode(f, 503, "server_error", null, null).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        }
    }

    @Test
    void keepsTheProviderWords() {
        ProviderError e = decode(formats.getFirst(), 400, "invalid_request_error", "messages[0].role", "bad_role");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.message()).isEqualTo("the message");
        assertThat(e.param()).isEqualTo("messages[0].role");
        assertThat(e.code()).isEqualTo("bad_role");
    }

    @Test
    void otherBodiesFallBackToStatus() {
        WireFormat f = formats.getFirst();
        assertThat(f.decodeError(502, null).kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(f.decodeError(504, Fixtures.parse("\"gateway timeout\"")).kind()).isEqualTo(ErrorKind.TIMEOUT);
        ProviderError anthropicShaped = f.decodeError(529, Fixtures.parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"));
        assertThat(anthropicShaped.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(anthropicShaped.message()).isNotBlank();
    }

    @Test
    void encodesAllFourKeysWithOpenAiTypesAndCodes() {
        assertEncoded(ErrorKind.INVALID_REQUEST, "invalid_request_error", null);
        assertEncoded(ErrorKind.CONTEXT_LENGTH_EXCEEDED, "invalid_request_error", "context_length_exceeded");
        assertEncoded(ErrorKind.AUTHENTICATION, "authentication_error", "invalid_api_key");
        assertEncoded(ErrorKind.PERMISSION, "permission_error", null);
        assertEncoded(ErrorKind.NOT_FOUND, "not_found_error", "model_not_found");
        assertEncoded(ErrorKind.RATE_LIMITED, "requests", "rate_limit_exceeded");
        assertEncoded(ErrorKind.QUOTA_EXCEEDED, "insufficient_quota", "insufficient_quota");
        assertEncoded(ErrorKind.SERVER_ERROR, "server_error", null);
        assertEncoded(ErrorKind.OVERLOADED, "server_error", null);

        ObjectNode withParam = formats.getFirst().encodeError(invalidMessages());
        assertThat(withParam.at("/error/param").asText()).isEqualTo("messages");
    }

    @Test
    void neverAnswers529() {
        WireFormat f = formats.getFirst();
        assertThat(f.statusFor(new ProviderError(ErrorKind.OVERLOADED, 529, "x", null, null, null))).isEqualTo(503);
        assertThat(f.statusFor(ProviderError.of(ErrorKind.RATE_LIMITED, "x"))).isEqualTo(429);
        assertThat(f.statusFor(new ProviderError(ErrorKind.INVALID_REQUEST, 422, "x", null, null, null))).isEqualTo(422);
        assertThat(f.statusFor(new ProviderError(ErrorKind.SERVER_ERROR, 0, "x", null, null, null))).isEqualTo(500);
    }

    private static ProviderError invalidMessages() {
        return ProviderException.invalid("bad", "messages").error();
    }

    private void assertEncoded(ErrorKind kind, String type, String code) {
        for (WireFormat f : formats) {
            JsonNode error = f.encodeError(ProviderError.of(kind, "msg")).get("error");
            assertThat(error.get("message").asText()).isEqualTo("msg");
            assertThat(error.get("type").asText()).isEqualTo(type);
            assertThat(error.has("param")).isTrue();
            assertThat(error.get("param").isNull()).isTrue();
            if (code == null) assertThat(error.get("code").isNull()).isTrue();
            else assertThat(error.get("code").asText()).isEqualTo(code);
        }
    }

    private static ProviderError decode(WireFormat f, int status, String type, String param, String code) {
        ObjectNode inner = Json.object().put("message", "the message").put("type", type)
                .put("param", param).put("code", code);
        ObjectNode body = Json.object();
        body.set("error", inner);
        return f.decodeError(status, body);
    }
}
