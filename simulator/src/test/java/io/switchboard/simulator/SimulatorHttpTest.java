package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation, auth, limits and headers, seen as raw HTTP. */
class SimulatorHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private static ProviderSimulator sim;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().clock(CLOCK).maxBodyBytes(4096)
                .rateLimit(Provider.OPENAI, "gpt-4.1", 2, 0)
                .rateLimit(Provider.ANTHROPIC, "claude-opus-*", 0, 100)
                .build());
        http = new SimHttp(sim.port());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode error(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body()).path("error");
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    @Test
    void everyOpenAiAnswerCarriesRequestIdAndRateLimitHeaders() {
        HttpResponse<String> r = http.openAi("/v1/chat/completions", CHAT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        assertThat(r.headers().firstValue("openai-processing-ms")).isPresent();
        assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).isPresent();
        assertThat(r.headers().firstValue("x-ratelimit-reset-tokens")).hasValueSatisfying(v -> assertThat(v).matches("[0-9hms.]+"));
    }

    @Test
    void validationErrorsAreOpenAisOwn() {
        HttpResponse<String> noMessages = http.openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\"}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(error(noMessages).path("param").asText()).isEqualTo("messages");
        assertThat(error(noMessages).path("type").asText()).isEqualTo("invalid_request_error");

        HttpResponse<String> badModel = http.openAi("/v1/chat/completions", "{\"model\":42,\"messages\":[]}");
        assertThat(badModel.statusCode()).isEqualTo(400);
        assertThat(error(badModel).path("param").asText()).isEqualTo("model");

        HttpResponse<String> noInput = http.openAi("/v1/responses", "{\"model\":\"gpt-4o\"}");
        assertThat(error(noInput).path("param").asText()).isEqualTo("input");

        HttpResponse<String> unknown = http.openAi("/v1/chat/completions", CHAT.replace("gpt-4o", "gpt-2"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).path("code").asText()).isEqualTo("model_not_found");

        HttpResponse<String> garbage = http.openAi("/v1/chat/completions", "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(error(garbage).path("message").asText()).contains("could not parse the JSON body");

        HttpResponse<String> path = http.openAi("/v1/completionz", CHAT);
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(error(path).path("message").asText()).isEqualTo("Invalid URL (POST /v1/completionz)");
    }

    @Test
    void missingOrWrongKeyIsA401InEachShapeWithoutEchoingTheKey() {
        HttpResponse<String> openAi = http.send("POST", "/v1/chat/completions", CHAT);
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(error(openAi).path("type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> anthropic = http.send("POST", "/v1/messages", "{}", "anthropic-version", "2023-06-01");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(error(anthropic).path("type").asText()).isEqualTo("authentication_error");

        try (ProviderSimulator locked = ProviderSimulator.start(SimulatorConfig.builder().requiredApiKey("sk-right").instances(1).build())) {
            SimHttp h = new SimHttp(locked.port());
            HttpResponse<String> wrong = h.send("POST", "/v1/chat/completions", CHAT, "authorization", "Bearer sk-wrong-secret");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("sk-wrong-secret");
            assertThat(error(wrong).path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(h.send("POST", "/v1/chat/completions", CHAT, "authorization", "Bearer sk-right").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void oversizedBodyIsA413InTheProvidersShape() {
        String big = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
        HttpResponse<String> openAi = http.openAi("/v1/chat/completions", big);
        assertThat(openAi.statusCode()).isEqualTo(413);
        assertThat(error(openAi).path("type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> anthropic = http.send("POST", "/v1/messages", big, "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(error(anthropic).path("type").asText()).isEqualTo("request_too_large");
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void requestRateLimitRefusesLikeOpenAiUntilTheWindowTurns() {
        String chat = CHAT.replace("gpt-4o", "gpt-4.1");
        assertThat(http.openAi("/v1/chat/completions", chat).statusCode()).isEqualTo(200);
        HttpResponse<String> second = http.openAi("/v1/chat/completions", chat);
        assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        CLOCK.advance(Duration.ofSeconds(15));
        HttpResponse<String> refused = http.openAi("/v1/chat/completions", chat);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("type").asText()).isEqualTo("requests");
        assertThat(error(refused).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error(refused).path("message").asText()).contains("Please try again in 45000ms");
        assertThat(refused.headers().firstValue("retry-after")).contains("45");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).contains("45s");
        CLOCK.advance(Duration.ofSeconds(45));
        assertThat(http.openAi("/v1/chat/completions", chat).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenRateLimitRefusesLikeAnthropic() {
        String body = "{\"model\":\"claude-opus-4-1\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> refused = http.send("POST", "/v1/messages", body, "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(refused.headers().firstValue("anthropic-ratelimit-tokens-limit")).contains("100");
        assertThat(refused.headers().firstValue("anthropic-ratelimit-tokens-reset")).hasValueSatisfying(
                v -> assertThat(Instant.parse(v)).isAfter(CLOCK.instant()));
    }

    @Test
    void modelsListIsPerProvider() throws Exception {
        HttpResponse<String> openAi = http.send("GET", "/v1/models", null, "authorization", "Bearer sk-test");
        assertThat(JSON.readTree(openAi.body()).path("object").asText()).isEqualTo("list");
        HttpResponse<String> anthropic = http.send("GET", "/v1/models", null, "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(anthropic.statusCode()).isEqualTo(200);
        assertThat(anthropic.body()).contains("claude-sonnet-4-5-20250929").contains("\"has_more\":false");
        assertThat(anthropic.headers().firstValue("request-id")).isPresent();
    }
}
