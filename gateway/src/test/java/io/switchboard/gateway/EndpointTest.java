package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void matchesMethodAndPath() {
        assertThat(Endpoint.match("POST", "/v1/chat/completions")).isEqualTo(Endpoint.CHAT_COMPLETIONS);
        assertThat(Endpoint.match("GET", "/v1/chat/completions")).isEqualTo(Endpoint.UNKNOWN);
        assertThat(Endpoint.match("POST", "/v1/messages/count_tokens")).isEqualTo(Endpoint.COUNT_TOKENS);
        assertThat(Endpoint.match("GET", "/v1/responses/resp_1")).isEqualTo(Endpoint.RESPONSE_GET);
        assertThat(Endpoint.match("POST", "/v1/responses/resp_1/cancel")).isEqualTo(Endpoint.RESPONSE_CANCEL);
        assertThat(Endpoint.match("GET", "/v1/responses/resp_1/cancel")).isEqualTo(Endpoint.UNKNOWN);
        assertThat(Endpoint.match("POST", "/v1/responses//cancel")).isEqualTo(Endpoint.UNKNOWN);
        assertThat(Endpoint.match("GET", "/v1/responses/")).isEqualTo(Endpoint.UNKNOWN);
        assertThat(Endpoint.match("GET", "/v1/responses/a/b")).isEqualTo(Endpoint.UNKNOWN);
        assertThat(Endpoint.match("GET", "/healthz")).isEqualTo(Endpoint.HEALTH);
    }

    @Test
    void errorShapeFollowsTheApiOfThePathOrTheHeadersOnSharedPaths() {
        assertThat(Endpoint.anthropicShaped(Endpoint.MESSAGES, "/v1/messages", false)).isTrue();
        assertThat(Endpoint.anthropicShaped(Endpoint.CHAT_COMPLETIONS, "/v1/chat/completions", true)).isFalse();
        assertThat(Endpoint.anthropicShaped(Endpoint.MODELS, "/v1/models", true)).isTrue();
        assertThat(Endpoint.anthropicShaped(Endpoint.MODELS, "/v1/models", false)).isFalse();
        assertThat(Endpoint.anthropicShaped(Endpoint.UNKNOWN, "/v1/messages/batches", false)).isTrue();
    }
}
