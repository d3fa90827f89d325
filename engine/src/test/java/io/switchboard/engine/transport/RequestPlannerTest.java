package io.switchboard.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Relay;
import io.switchboard.core.chain.Target;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.providers.WireFormats;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {
    private final GatewayConfig config = GatewayConfig.withSimulator("http://127.0.0.1:9/v1", "http://127.0.0.1:9");
    private final ProviderConfig openai = config.providers().get("openai");
    private final ProviderConfig anthropic = config.providers().get("anthropic");
    private final RequestPlanner planner = new RequestPlanner(WireFormats::of);

    private static final String CHAT = """
            {"model":"default","messages":[{"role":"user","content":"hi"}],"temperature":0.70,
             "some_future_field":{"nested":[1,2.50,"x"]},"n":1}""";

    private static Call call(WireFormatId format, String body, Target target, Map<String, String> headers) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return Call.builder().clientFormat(format).requestId("r").body((ObjectNode) EngineJson.MAPPER.readTree(raw), raw)
                .model(EngineJson.MAPPER.readTree(raw).path("model").asText()).headers(headers).target(target).build();
    }

    @Test
    void passThroughSendsTheClientsBytesWhenTheModelIsUnchanged() throws Exception {
        Call c = call(WireFormatId.OPENAI_CHAT, CHAT.replace("default", "gpt-4o"), new Target("openai", "gpt-4o"), Map.of());
        UpstreamRequest r = planner.plan(c, openai, UpstreamEndpoint.of(openai.baseUrl()));
        assertThat(r.body()).isSameAs(c.rawBody());
        assertThat(r.translated()).isFalse();
        assertThat(r.uri()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void passThroughRewritesOnlyTheModelAndKeepsUnknownFieldsAndNumbers() throws Exception {
        Call c = call(WireFormatId.OPENAI_CHAT, CHAT, new Target("openai", "gpt-4o-mini"), Map.of());
        UpstreamRequest r = planner.plan(c, openai, UpstreamEndpoint.of(openai.baseUrl()));

        String sent = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(sent).contains("\"model\":\"gpt-4o-mini\"").contains("\"temperature\":0.70")
                .contains("\"some_future_field\":{\"nested\":[1,2.50,\"x\"]}");
        JsonNode expected = EngineJson.MAPPER.readTree(CHAT);
        ((ObjectNode) expected).put("model", "gpt-4o-mini");
        assertThat(EngineJson.MAPPER.readTree(r.body())).isEqualTo(expected);
        assertThat(c.body().get("model").asText()).as("the call's own body is not mutated").isEqualTo("default");
    }

    @Test
    void crossProviderRequestsAreTranslated() throws Exception {
        Call c = call(WireFormatId.OPENAI_CHAT, CHAT.replace("\"n\":1", "\"n\":1,\"stream\":true"),
                new Target("anthropic", "claude-haiku-4-5"), Map.of("anthropic-beta", "b1", "x-sim-fault", "status:503"));
        UpstreamRequest r = planner.plan(c, anthropic, UpstreamEndpoint.of(anthropic.baseUrl()));

        assertThat(r.translated()).isTrue();
        assertThat(r.upstreamFormat()).isEqualTo(WireFormatId.ANTHROPIC_MESSAGES);
        assertThat(r.uri()).isEqualTo("/v1/messages");
        JsonNode body = EngineJson.MAPPER.readTree(r.body());
        assertThat(body.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(body.has("max_tokens")).isTrue();
        assertThat(body.has("some_future_field")).isFalse();
        assertThat(r.headers()).containsEntry("x-api-key", GatewayConfig.SIMULATOR_KEY)
                .containsEntry("anthropic-version", "2023-06-01").containsEntry("anthropic-beta", "b1")
                .containsEntry("x-sim-fault", "status:503").doesNotContainKey("authorization");
    }

    @Test
    void anAnthropicClientServedByOpenAiGoesThroughChatCompletionsWithUsageInTheStream() throws Exception {
        String messages = """
                {"model":"default","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";
        Call c = call(WireFormatId.ANTHROPIC_MESSAGES, messages, new Target("openai", "gpt-4o-mini"),
                Map.of("anthropic-version", "2023-06-01", "openai-organization", "org"));
        UpstreamRequest r = planner.plan(c, openai, UpstreamEndpoint.of(openai.baseUrl()));

        assertThat(r.uri()).isEqualTo("/v1/chat/completions");
        JsonNode body = EngineJson.MAPPER.readTree(r.body());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(r.headers()).containsEntry("authorization", "Bearer " + GatewayConfig.SIMULATOR_KEY)
                .containsEntry("openai-organization", "org").doesNotContainKey("anthropic-version");
    }

    @Test
    void relaysKeepTheirPathAndQuery() {
        Call c = Call.builder().clientFormat(WireFormatId.OPENAI_RESPONSES).requestId("r")
                .relay(new Relay("openai", "GET", "/v1/responses/resp_1?stream=true&starting_after=3"))
                .target(new Target("openai", "")).build();
        UpstreamRequest r = planner.plan(c, openai, UpstreamEndpoint.of(URI.create("https://api.example.com/openai/v1/")));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.uri()).isEqualTo("/openai/v1/responses/resp_1?stream=true&starting_after=3");
        assertThat(r.body()).isNull();
        assertThat(r.headers()).doesNotContainKey("content-type");
    }

    @Test
    void endpointsJoinBaseUrlsTheWaySdksDo() {
        assertThat(UpstreamEndpoint.of(URI.create("http://h:9/v1")).uri("/v1/messages")).isEqualTo("/v1/messages");
        assertThat(UpstreamEndpoint.of(URI.create("http://h:9")).uri("/v1/messages")).isEqualTo("/v1/messages");
        UpstreamEndpoint https = UpstreamEndpoint.of(URI.create("https://api.openai.com/v1"));
        assertThat(https.port()).isEqualTo(443);
        assertThat(https.ssl()).isTrue();
        assertThat(https.origin()).isEqualTo("https://api.openai.com:443");
    }
}
