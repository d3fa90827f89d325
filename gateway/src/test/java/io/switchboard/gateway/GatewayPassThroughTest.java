package io.switchboard.gateway;

import static io.switchboard.gateway.TestHttp.get;
import static io.switchboard.gateway.TestHttp.parse;
import static io.switchboard.gateway.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.gateway.TestHttp.Answer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Same-API traffic: the gateway's answer must be the simulator's own answer, byte for byte apart from ids. */
class GatewayPassThroughTest {
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

    static final String CHAT = """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Name a colour"}],
             "temperature":0.5,"a_field_the_gateway_does_not_know":{"x":[1,2]}}""";

    @Test
    void chatJsonIsTheUpstreamsAnswer() {
        Answer direct = post(sim + "/v1/chat/completions", CHAT, "authorization", "Bearer sk-any");
        Answer via = post(gateway.openAiBaseUrl() + "/chat/completions", CHAT, "authorization", "Bearer " + KEY);

        assertThat(via.status()).isEqualTo(200);
        assertThat(direct.status()).isEqualTo(200);
        assertThat(withoutIds(via.json())).isEqualTo(withoutIds(direct.json()));
        assertThat(via.header("x-request-id")).startsWith("req_");
        assertThat(via.header("x-switchboard-target")).isEqualTo("openai/gpt-4o-mini");
        assertThat(via.header("x-switchboard-attempts")).isEqualTo("1");
        assertThat(via.header("x-ratelimit-limit-requests")).isNotNull();
    }

    @Test
    void chatStreamIsTheUpstreamsStream() {
        String body = CHAT.replace("\"temperature\"", "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\"");
        Answer direct = post(sim + "/v1/chat/completions", body, "authorization", "Bearer sk-any");
        Answer via = post(gateway.openAiBaseUrl() + "/chat/completions", body, "authorization", "Bearer " + KEY);

        assertThat(via.header("content-type")).startsWith("text/event-stream");
        assertThat(via.dataLines()).hasSizeGreaterThan(3).last().isEqualTo("[DONE]");
        assertThat(frames(via)).isEqualTo(frames(direct));
        assertThat(TestHttp.chatStreamText(via)).isNotBlank();
    }

    @Test
    void anAliasIsResolvedAndOnlyTheModelChanges() {
        Answer direct = post(sim + "/v1/chat/completions", CHAT, "authorization", "Bearer sk-any");
        Answer via = post(gateway.openAiBaseUrl() + "/chat/completions", CHAT.replace("gpt-4o-mini", "default"),
                "authorization", "Bearer " + KEY);
        assertThat(via.header("x-switchboard-target")).isEqualTo("openai/gpt-4o-mini");
        assertThat(withoutIds(via.json())).isEqualTo(withoutIds(direct.json()));
    }

    static final String MESSAGES = """
            {"model":"claude-haiku-4-5","max_tokens":200,"system":"Be brief.","messages":[{"role":"user","content":"Name a colour"}],
             "top_k":5}""";

    @Test
    void anthropicMessagesJsonAndStreamAreTheUpstreams() {
        Answer direct = post(sim + "/v1/messages", MESSAGES, "x-api-key", "sk-any", "anthropic-version", "2023-06-01");
        Answer via = post(gateway.anthropicBaseUrl() + "/v1/messages", MESSAGES, "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(via.status()).isEqualTo(200);
        assertThat(withoutIds(via.json())).isEqualTo(withoutIds(direct.json()));
        assertThat(via.header("request-id")).startsWith("req_");
        assertThat(via.header("x-request-id")).isNull();

        String stream = MESSAGES.replace("\"top_k\":5", "\"top_k\":5,\"stream\":true");
        Answer directStream = post(sim + "/v1/messages", stream, "x-api-key", "sk-any", "anthropic-version", "2023-06-01");
        Answer viaStream = post(gateway.anthropicBaseUrl() + "/v1/messages", stream, "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(viaStream.eventNames()).isEqualTo(directStream.eventNames()).contains("message_start").last().isEqualTo("message_stop");
        assertThat(frames(viaStream)).isEqualTo(frames(directStream));
        assertThat(TestHttp.messagesStreamText(viaStream)).isEqualTo(via.json().at("/content/0/text").asText());
    }

    @Test
    void responsesJsonIsTheUpstreams() {
        String body = """
                {"model":"gpt-4.1-mini","instructions":"Be brief.","input":"Name a colour","store":false}""";
        Answer direct = post(sim + "/v1/responses", body, "authorization", "Bearer sk-any");
        Answer via = post(gateway.openAiBaseUrl() + "/responses", body, "authorization", "Bearer " + KEY);
        assertThat(via.status()).isEqualTo(200);
        assertThat(withoutIds(via.json())).isEqualTo(withoutIds(direct.json()));
    }

    @Test
    void backgroundResponsesCanBeRetrievedResumedAndCancelledThroughTheGateway() {
        String body = """
                {"model":"gpt-4.1-mini","input":"Tell a story","background":true,"store":true}""";
        Answer created = post(gateway.openAiBaseUrl() + "/responses", body, "authorization", "Bearer " + KEY);
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().get("id").asText();

        Answer retrieved = get(gateway.openAiBaseUrl() + "/responses/" + id, "authorization", "Bearer " + KEY);
        assertThat(retrieved.status()).isEqualTo(200);
        assertThat(retrieved.json().get("id").asText()).isEqualTo(id);

        Answer resumed = get(gateway.openAiBaseUrl() + "/responses/" + id + "?stream=true&starting_after=1",
                "authorization", "Bearer " + KEY);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.header("content-type")).startsWith("text/event-stream");
        assertThat(resumed.dataLines()).isNotEmpty()
                .allSatisfy(d -> assertThat(parse(d).get("sequence_number").asInt()).isGreaterThan(1));

        Answer cancelled = post(gateway.openAiBaseUrl() + "/responses/" + id + "/cancel", "", "authorization", "Bearer " + KEY);
        assertThat(cancelled.status()).as(cancelled.body()).isIn(200, 400, 409);

        Answer missing = get(gateway.openAiBaseUrl() + "/responses/resp_does_not_exist", "authorization", "Bearer " + KEY);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().has("error")).isTrue();
    }

    @Test
    void embeddingsAndTokenCountsAreRelayed() {
        String embed = """
                {"model":"text-embedding-3-small","input":"hello"}""";
        Answer direct = post(sim + "/v1/embeddings", embed, "authorization", "Bearer sk-any");
        Answer via = post(gateway.openAiBaseUrl() + "/embeddings", embed, "authorization", "Bearer " + KEY);
        assertThat(via.status()).isEqualTo(200);
        assertThat(via.json()).isEqualTo(direct.json());

        String count = """
                {"model":"default","messages":[{"role":"user","content":"hello there"}]}""";
        Answer counted = post(gateway.anthropicBaseUrl() + "/v1/messages/count_tokens", count, "x-api-key", KEY);
        Answer countedDirect = post(sim + "/v1/messages/count_tokens", count.replace("default", "claude-haiku-4-5"),
                "x-api-key", "sk-any", "anthropic-version", "2023-06-01");
        assertThat(counted.status()).isEqualTo(200);
        assertThat(counted.json()).isEqualTo(countedDirect.json());
        assertThat(counted.json().get("input_tokens").asInt()).isPositive();
    }

    @Test
    void modelsAreListedInTheShapeOfTheClientsApi() {
        Answer openAi = get(gateway.openAiBaseUrl() + "/models", "authorization", "Bearer " + KEY);
        assertThat(openAi.status()).isEqualTo(200);
        assertThat(openAi.json().get("object").asText()).isEqualTo("list");
        List<String> ids = openAi.json().get("data").findValuesAsText("id");
        assertThat(ids).contains("default", "gpt-4o-mini", "claude-haiku-4-5-20251001").doesNotHaveDuplicates();
        assertThat(openAi.json().get("data")).allSatisfy(m -> assertThat(m.get("object").asText()).isEqualTo("model"));

        Answer anthropic = get(gateway.anthropicBaseUrl() + "/v1/models", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(anthropic.json().get("has_more").asBoolean()).isFalse();
        assertThat(anthropic.json().get("first_id").asText()).isEqualTo("default");
        assertThat(anthropic.json().get("data")).allSatisfy(m -> {
            assertThat(m.get("type").asText()).isEqualTo("model");
            assertThat(m.get("created_at").asText()).endsWith("Z");
        });
        assertThat(anthropic.header("request-id")).startsWith("req_");
    }

    /** The SSE data payloads with ids removed (the simulator mints fresh ids per request). */
    static List<JsonNode> frames(Answer a) {
        return a.dataLines().stream().map(d -> d.equals("[DONE]") ? TestHttp.JSON.getNodeFactory().textNode(d) : withoutIds(parse(d))).toList();
    }

    private static final Set<String> VOLATILE = Set.of("id", "item_id", "created", "created_at", "completed_at", "obfuscation");

    static JsonNode withoutIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(VOLATILE);
            o.forEach(GatewayPassThroughTest::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(GatewayPassThroughTest::strip);
        }
    }
}
