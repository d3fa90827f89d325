package io.switchboard.gateway;

import static io.switchboard.gateway.TestHttp.parse;
import static io.switchboard.gateway.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.TestHttp.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-provider traffic: a client of one API served by the other provider gets the text that provider's
 * own API gives for the same prompt (the simulator is deterministic per model and prompt), in its own format.
 */
class GatewayTranslationTest {
    static final String KEY = "sk-gw-test";
    static GatewayServer gateway;
    static String sim;

    @BeforeAll
    static void start() {
        gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey(KEY).instances(1).build());
        sim = gateway.simulator().anthropicBaseUrl();
    }

    @AfterAll
    static void stop() { gateway.close(); }

    static String chat(String model, boolean stream) {
        return """
                {"model":"%s","max_completion_tokens":60,"stream":%s,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Describe a river"}]}"""
                .formatted(model, stream);
    }

    static String messages(String model, boolean stream) {
        return """
                {"model":"%s","max_tokens":60,"stream":%s,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Describe a river"}]}""".formatted(model, stream);
    }

    static Answer viaOpenAi(String path, String body, String... extra) {
        return post(gateway.openAiBaseUrl() + path, body, concat(new String[] {"authorization", "Bearer " + KEY}, extra));
    }

    static Answer viaAnthropic(String body, String... extra) {
        return post(gateway.anthropicBaseUrl() + "/v1/messages", body,
                concat(new String[] {"x-api-key", KEY, "anthropic-version", "2023-06-01"}, extra));
    }

    static String claudeText() {
        return post(sim + "/v1/messages", messages("claude-haiku-4-5", false), "x-api-key", "k", "anthropic-version", "2023-06-01")
                .json().at("/content/0/text").asText();
    }

    static String gptText() {
        return post(sim + "/v1/chat/completions", chat("gpt-4o-mini", false), "authorization", "Bearer k")
                .json().at("/choices/0/message/content").asText();
    }

    @Test
    void anOpenAiChatClientServedByClaude() {
        Answer a = viaOpenAi("/chat/completions", chat("claude-haiku-4-5", false));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.header("x-switchboard-target")).isEqualTo("anthropic/claude-haiku-4-5");
        JsonNode body = a.json();
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(claudeText()).isNotBlank();
        assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
    }

    @Test
    void anOpenAiChatClientStreamingFromClaude() {
        Answer a = viaOpenAi("/chat/completions", chat("claude-haiku-4-5", true));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("content-type")).startsWith("text/event-stream");
        assertThat(TestHttp.chatStreamText(a)).isEqualTo(claudeText());
        List<String> data = a.dataLines();
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(data.subList(0, data.size() - 1).stream().map(d -> parse(d).get("id").asText()).distinct()).hasSize(1);
    }

    @Test
    void anAnthropicClientServedByGpt() {
        Answer a = viaAnthropic(messages("gpt-4o-mini", false));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("type").asText()).isEqualTo("message");
        assertThat(a.json().at("/content/0/text").asText()).isEqualTo(gptText()).isNotBlank();
        assertThat(a.header("request-id")).startsWith("req_");

        Answer s = viaAnthropic(messages("gpt-4o-mini", true));
        assertThat(TestHttp.messagesStreamText(s)).isEqualTo(gptText());
        assertThat(s.eventNames()).first().isEqualTo("message_start");
        assertThat(s.eventNames()).last().isEqualTo("message_stop");
    }

    @Test
    void anOpenAiResponsesClientServedByClaude() {
        String body = """
                {"model":"claude-haiku-4-5","instructions":"Be brief.","input":"Describe a river","max_output_tokens":60%s}""";
        Answer a = viaOpenAi("/responses", body.formatted(""));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("object").asText()).isEqualTo("response");
        assertThat(a.json().at("/output/0/content/0/text").asText()).isEqualTo(claudeText());

        Answer s = viaOpenAi("/responses", body.formatted(",\"stream\":true"));
        assertThat(TestHttp.responsesStreamText(s)).isEqualTo(claudeText());
        assertThat(s.eventNames()).last().isEqualTo("response.completed");
    }

    @Test
    void upstreamErrorsComeBackInTheClientsShape() {
        Answer openAiClient = viaOpenAi("/chat/completions", chat("claude-haiku-4-5", false), "x-sim-fault", "status:429");
        assertThat(openAiClient.status()).isEqualTo(429);
        assertThat(openAiClient.json().get("error").has("message")).isTrue();
        assertThat(openAiClient.json().get("error").has("type")).isTrue();
        assertThat(openAiClient.header("retry-after")).isNotNull();

        Answer anthropicClient = viaAnthropic(messages("gpt-4o-mini", false), "x-sim-fault", "status:500");
        assertThat(anthropicClient.status()).isEqualTo(500);
        assertThat(anthropicClient.json().get("type").asText()).isEqualTo("error");
        assertThat(anthropicClient.json().at("/error/type").asText()).isEqualTo("api_error");
    }

    @Test
    void aTranslatedStreamCutMidwayIsContinuedForTheClient() {
        // Upstream stream recovery (docs/streams.md): the cut is continued, not passed on; the unrecoverable
        // cases, which end with an error event in the client's format, are in gateway.stream.UpstreamRecoveryTest.
        Answer a = viaOpenAi("/chat/completions", chat("claude-haiku-4-5", true), "x-sim-fault", "cut_after:3");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.dataLines()).noneSatisfy(d -> assertThat(d).contains("\"error\""));
        assertThat(TestHttp.chatStreamText(a)).isEqualTo(claudeText());
    }

    @Test
    void aPassThroughStreamCutMidwayIsContinuedForTheClient() {
        // Upstream stream recovery (docs/streams.md) continues the cut stream from an assistant prefill.
        Answer cut = viaAnthropic(messages("claude-haiku-4-5", true), "x-sim-fault", "cut_after:3");
        assertThat(TestHttp.messagesStreamText(cut)).isEqualTo(TestHttp.messagesStreamText(viaAnthropic(messages("claude-haiku-4-5", true))));
        assertThat(TestHttp.get(gateway.baseUrl() + "/healthz").status()).isEqualTo(200);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
