package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, observed on the wire with a bare HTTP/1.1 client (and one over h2c). */
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String CHAT_STREAM = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.resetStats();
    }

    private static RawHttp.Result chat(String body, String fault) throws Exception {
        return RawHttp.post(sim.port(), "/v1/chat/completions",
                Map.of("authorization", "Bearer sk-test", "x-sim-fault", fault), body);
    }

    @Test
    void resetClosesWithoutAnAnswer() throws Exception {
        RawHttp.Result r = chat(CHAT, "reset");
        assertThat(r.bytes()).isZero();
        assertThat(sim.stats().byStatus()).containsEntry("reset", 1L);
    }

    @Test
    void cutAfterSendsExactlyThatManyFramesThenDrops() throws Exception {
        RawHttp.Result r = chat(CHAT_STREAM, "cut_after:3");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.complete()).isFalse();
        assertThat(frames(r.body())).hasSize(3);
        assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
    }

    @Test
    void cutAfterResetsTheStreamOverHttp2() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false));
            StringBuilder received = new StringBuilder();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            client.request(HttpMethod.POST, sim.port(), "127.0.0.1", "/v1/chat/completions")
                    .compose(req -> req.putHeader("authorization", "Bearer sk-test").putHeader("x-sim-fault", "cut_after:3")
                            .putHeader("content-type", "application/json").send(Buffer.buffer(CHAT_STREAM)))
                    .onSuccess(resp -> {
                        assertThat(resp.version()).isEqualTo(HttpVersion.HTTP_2);
                        resp.handler(b -> received.append(b.toString()));
                        resp.exceptionHandler(outcome::complete);
                        resp.endHandler(v -> outcome.complete(null));
                    })
                    .onFailure(outcome::complete);
            Throwable error = outcome.get(10, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(StreamResetException.class);
            assertThat(frames(received.toString())).hasSize(3);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void stallDelaysTheFirstByte() throws Exception {
        RawHttp.Result r = chat(CHAT, "stall_ms:300");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.firstByteNanos()).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void idlePausesMidStream() throws Exception {
        RawHttp.Result r = chat(CHAT_STREAM, "idle_ms:300");
        assertThat(r.complete()).isTrue();
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        // The client may read the first frame a little after it was sent, which shortens the measured gap;
        // without the fault the whole stream takes a few milliseconds, so 250 ms still proves the pause.
        assertThat(r.totalNanos() - r.firstByteNanos()).isGreaterThanOrEqualTo(250_000_000L);
    }

    @Test
    void malformedJsonBodyDoesNotParse() throws Exception {
        RawHttp.Result r = chat(CHAT, "malformed");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.complete()).isTrue();
        assertThat(parses(r.body())).isFalse();
    }

    @Test
    void malformedStreamHasOneBadChunkAndStillEnds() throws Exception {
        RawHttp.Result r = chat(CHAT_STREAM, "malformed");
        List<String> data = frames(r.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        long bad = data.stream().filter(d -> !d.equals("[DONE]") && !parses(d)).count();
        assertThat(bad).isEqualTo(1);
        assertThat(data.stream().filter(FaultInjectionTest::parses).count()).isGreaterThan(2);
    }

    @Test
    void statusFaultUsesTheProvidersErrorShapeAndRetryOverride() throws Exception {
        RawHttp.Result openAi = RawHttp.post(sim.port(), "/v1/chat/completions", Map.of("authorization", "Bearer sk-test",
                "x-sim-fault", "status:503", "x-sim-retry-after-ms", "2500"), CHAT);
        assertThat(openAi.status()).isEqualTo(503);
        assertThat(openAi.headers()).containsEntry("retry-after", "3").containsEntry("retry-after-ms", "2500")
                .containsKey("x-request-id");
        JsonNode error = JSON.readTree(openAi.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();

        RawHttp.Result anthropic = RawHttp.post(sim.port(), "/v1/messages", Map.of("x-api-key", "sk-ant-test",
                "anthropic-version", "2023-06-01", "x-sim-fault", "status:529"),
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(anthropic.status()).isEqualTo(529);
        JsonNode body = JSON.readTree(anthropic.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(anthropic.headers()).containsKey("request-id").containsKey("anthropic-ratelimit-requests-reset");
        assertThat(sim.stats().byStatus()).containsEntry("503", 1L).containsEntry("529", 1L);
    }

    @Test
    void badFaultHeaderIsA400() throws Exception {
        RawHttp.Result r = chat(CHAT, "explode");
        assertThat(r.status()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains("unknown fault 'explode'");
    }

    /** The payloads of the SSE {@code data:} lines, in order. */
    static List<String> frames(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) out.add(line.substring(6));
        }
        return out;
    }

    private static boolean parses(String json) {
        try {
            JSON.readTree(json);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
