package io.switchboard.gateway;

import static io.switchboard.gateway.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.gateway.TestHttp.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code default} route (OpenAI first, Anthropic second): a retryable failure of the first target, before
 * anything reached the client, is served by the second. {@code x-sim-fault} goes to the first attempt only.
 */
class GatewayFallbackTest {
    static final String KEY = "sk-gw-test";
    static GatewayServer gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey(KEY).instances(1).build());
    }

    @AfterAll
    static void stop() { gateway.close(); }

    static final String CHAT = """
            {"model":"default","max_completion_tokens":40,"stream":%s,"messages":[{"role":"user","content":"Say hi"}]}""";

    static Answer chat(String base, boolean stream, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(base + "/chat/completions", CHAT.formatted(stream), all);
    }

    @Test
    void aServiceUnavailablePrimaryFallsBackToTheSecondTarget() {
        Answer a = chat(gateway.openAiBaseUrl(), false, "x-sim-fault", "status:503");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.header("x-switchboard-target")).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(a.header("x-switchboard-attempts")).isEqualTo("2");
        assertThat(a.json().get("object").asText()).isEqualTo("chat.completion");
        assertThat(a.json().at("/choices/0/message/content").asText()).isNotBlank();
    }

    @Test
    void streamsFallBackBeforeTheirFirstByte() {
        Answer a = chat(gateway.openAiBaseUrl(), true, "x-sim-fault", "status:429");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("x-switchboard-attempts")).isEqualTo("2");
        assertThat(a.dataLines().getLast()).isEqualTo("[DONE]");
        assertThat(TestHttp.chatStreamText(a)).isNotBlank();
    }

    @Test
    void anAnthropicClientFallsBackToItsOwnProviderUntranslated() {
        String body = """
                {"model":"default","max_tokens":40,"messages":[{"role":"user","content":"Say hi"}]}""";
        Answer a = post(gateway.anthropicBaseUrl() + "/v1/messages", body, "x-api-key", KEY, "x-sim-fault", "status:500");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.header("x-switchboard-target")).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(a.json().get("type").asText()).isEqualTo("message");
    }

    @Test
    void aClientErrorIsNotRetriedElsewhere() {
        Answer a = chat(gateway.openAiBaseUrl(), false, "x-sim-fault", "status:400");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("x-switchboard-attempts")).isEqualTo("1");
        assertThat(a.json().get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void aSingleTargetThatFailsAnswersWithItsError() {
        String body = CHAT.formatted(false).replace("default", "gpt-4o-mini");
        Answer a = post(gateway.openAiBaseUrl() + "/chat/completions", body, "authorization", "Bearer " + KEY, "x-sim-fault", "status:503");
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.header("x-switchboard-attempts")).isEqualTo("1");
        assertThat(a.json().get("error").get("type").asText()).isNotBlank();
    }

    @Test
    void anUnreachablePrimaryFallsBackAndAloneIsA502InTheClientsShape() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        GatewayConfig sim = gateway.engine().config();
        GatewayConfig config = sim.toBuilder()
                .provider(ProviderConfig.builder("openai").baseUrl("http://127.0.0.1:" + deadPort + "/v1").apiKey("k").build())
                .build();
        try (Switchboard engine = Switchboard.builder().config(config).vertx(gateway.engine().vertx()).build();
             GatewayServer deadPrimary = GatewayServer.start(engine, GatewayOptions.builder().masterKey(KEY).instances(1).build())) {
            Answer fellBack = chat(deadPrimary.openAiBaseUrl(), false);
            assertThat(fellBack.status()).as(fellBack.body()).isEqualTo(200);
            assertThat(fellBack.header("x-switchboard-target")).isEqualTo("anthropic/claude-haiku-4-5");

            Answer alone = post(deadPrimary.openAiBaseUrl() + "/chat/completions", CHAT.formatted(false).replace("default", "gpt-4o"),
                    "authorization", "Bearer " + KEY);
            assertThat(alone.status()).isEqualTo(502);
            assertThat(alone.json().get("error").get("message").asText()).contains("upstream openai failed").doesNotContain("sim-key", "k\"");
        }
    }
}
