package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Responses API through the official openai-java SDK, including background mode, resume and cancel. */
class OpenAiResponsesSdkTest {
    private static final String SLOW_MODEL = "gpt-5-mini";   // first token after 30 s: stays in progress
    private static final String PACED_MODEL = "gpt-4.1-mini"; // streams over a few hundred ms
    private static ProviderSimulator sim;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().seed(5)
                .latency(SLOW_MODEL, LatencyModel.parse("ttft_ms=30000"))
                .latency(PACED_MODEL, LatencyModel.parse("ttft_ms=20,tps=400"))
                .build());
        client = OpenAIOkHttpClient.builder().baseUrl(sim.openAiBaseUrl()).apiKey("sk-test").maxRetries(0)
                .timeout(Duration.ofSeconds(20)).responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    private static ResponseCreateParams.Builder ask(String model) {
        return ResponseCreateParams.builder().model(model).instructions("Be brief.").input("Describe a bridge.");
    }

    @Test
    void createReturnsACompletedDeterministicResponse() {
        Response first = client.responses().create(ask("gpt-4.1").build());
        Response second = client.responses().create(ask("gpt-4.1").build());
        assertThat(first.id()).startsWith("resp_");
        assertThat(first.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(first)).isNotBlank().isEqualTo(text(second));
        var usage = first.usage().orElseThrow();
        assertThat(usage.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @Test
    void streamEventsAreNumberedFromZeroAndCarryTheSameText() {
        String expected = text(client.responses().create(ask("gpt-4.1").build()));
        List<JsonNode> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("gpt-4.1").build())) {
            events = stream.stream().map(OpenAiResponsesSdkTest::tree).toList();
        }
        for (int i = 0; i < events.size(); i++) assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
        assertThat(events.getFirst().path("type").asText()).isEqualTo("response.created");
        assertThat(events.getLast().path("type").asText()).isEqualTo("response.completed");
        assertThat(deltas(events)).isEqualTo(expected);
        assertThat(events.getLast().path("response").path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void functionToolRoundTrip() {
        FunctionTool tool = FunctionTool.builder().name("lookup").strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("query", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("query")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();
        Response call = client.responses().create(ask("gpt-4o").addTool(tool).build());
        ResponseFunctionToolCall fc = call.output().getFirst().functionCall().orElseThrow();
        assertThat(fc.name()).isEqualTo("lookup");
        assertThat(fc.arguments()).contains("\"query\"");
        Response answer = client.responses().create(ResponseCreateParams.builder().model("gpt-4o").addTool(tool)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofFunctionCall(fc),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(fc.callId()).output("a stone arch").build())))
                .build());
        assertThat(text(answer)).isNotBlank();
    }

    @Test
    void backgroundResponseIsQueuedThenRetrievableAndResumable() {
        Response queued = client.responses().create(ask("gpt-4.1").background(true).build());
        assertThat(queued.status()).contains(ResponseStatus.QUEUED);
        Response done = client.responses().retrieve(queued.id());
        assertThat(done.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(done)).isEqualTo(text(client.responses().create(ask("gpt-4.1").build())));

        List<JsonNode> tail;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().retrieveStreaming(queued.id(),
                ResponseRetrieveParams.builder().startingAfter(3).build())) {
            tail = stream.stream().map(OpenAiResponsesSdkTest::tree).toList();
        }
        assertThat(tail.getFirst().path("sequence_number").asInt()).isEqualTo(4);
        assertThat(tail).allSatisfy(e -> assertThat(e.path("sequence_number").asInt()).isGreaterThan(3));
        assertThat(tail.getLast().path("type").asText()).isEqualTo("response.completed");
    }

    @Test
    void liveStreamResumesAfterADisconnect() {
        StringBuilder text = new StringBuilder();
        String id;
        int last;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(ask(PACED_MODEL).background(true).build())) {
            Iterator<JsonNode> events = stream.stream().map(OpenAiResponsesSdkTest::tree).iterator();
            JsonNode created = events.next();
            id = created.path("response").path("id").asText();
            assertThat(created.path("response").path("status").asText()).isEqualTo("queued");
            JsonNode e = created;
            while (e.path("sequence_number").asInt() < 6) {
                e = events.next();
                text.append(e.path("delta").asText(""));
            }
            last = e.path("sequence_number").asInt();
        }
        List<JsonNode> rest;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().retrieveStreaming(id,
                ResponseRetrieveParams.builder().startingAfter(last).build())) {
            rest = stream.stream().map(OpenAiResponsesSdkTest::tree).toList();
        }
        assertThat(rest.getFirst().path("sequence_number").asInt()).isEqualTo(last + 1);
        assertThat(rest.getLast().path("type").asText()).isEqualTo("response.completed");
        text.append(deltas(rest));
        assertThat(text.toString()).isEqualTo(text(client.responses().retrieve(id)));
    }

    @Test
    void cancelStopsABackgroundResponse() {
        Response queued = client.responses().create(ask(SLOW_MODEL).background(true).build());
        Response cancelled = client.responses().cancel(queued.id());
        assertThat(cancelled.status()).contains(ResponseStatus.CANCELLED);
        assertThat(client.responses().retrieve(queued.id()).status()).contains(ResponseStatus.CANCELLED);
    }

    @Test
    void unknownOrForegroundIdsAreNotFound() {
        Response foreground = client.responses().create(ask("gpt-4.1").build());
        assertThatThrownBy(() -> client.responses().retrieve(foreground.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().cancel("resp_nope")).isInstanceOf(NotFoundException.class);
    }

    private static String text(Response r) {
        return r.output().stream().flatMap(item -> item.message().stream())
                .flatMap(m -> m.content().stream()).flatMap(c -> c.outputText().stream())
                .map(ResponseOutputText::text).collect(Collectors.joining());
    }

    private static String deltas(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asText()).collect(Collectors.joining());
    }

    private static JsonNode tree(ResponseStreamEvent event) {
        return ObjectMappers.jsonMapper().valueToTree(event);
    }
}
