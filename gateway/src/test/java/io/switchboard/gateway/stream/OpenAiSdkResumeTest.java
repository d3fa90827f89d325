package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.simulator.LatencyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK reads a resumed Responses stream through the gateway: it hangs up in the middle
 * of a live stream and comes back with {@code responses().retrieveStreaming(id, startingAfter)}, exactly as it
 * would against OpenAI, also when the gateway's own upstream connection was cut in between.
 */
class OpenAiSdkResumeTest {
    static StreamFixture fixture;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        // 150 tokens/s: the stream is still being produced when the client comes back.
        fixture = new StreamFixture(new LatencyModel(Duration.ofMillis(20), 150), 5_000, StreamsConfig.DEFAULTS, null);
        client = OpenAIOkHttpClient.builder().baseUrl(fixture.gateway.openAiBaseUrl()).apiKey(StreamFixture.ALICE)
                .maxRetries(0).responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        fixture.close();
    }

    private static ResponseCreateParams.Builder ask() {
        return ResponseCreateParams.builder().model("gpt-4.1-mini").instructions("Be brief.").input("Describe a lighthouse.");
    }

    @Test
    void theSdkResumesAGatewayStreamWithStartingAfter() {
        assertResumed(ask().build());
    }

    @Test
    void theSdkResumesAStreamWhoseUpstreamWasCutInBetween() {
        assertResumed(ask().putAdditionalHeader("x-sim-fault", "cut_after:9").build());
    }

    private static void assertResumed(ResponseCreateParams params) {
        String expected = text(client.responses().create(ask().build()));
        List<JsonNode> seen = new ArrayList<>();
        String id;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            Iterator<JsonNode> events = stream.stream().map(OpenAiSdkResumeTest::tree).iterator();
            JsonNode e = events.next();
            id = e.path("response").path("id").asText();
            seen.add(e);
            while (e.path("sequence_number").asInt() < 7) {
                e = events.next();
                seen.add(e);
            }
        } // the client hangs up here, mid-stream
        long last = seen.getLast().path("sequence_number").asLong();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().retrieveStreaming(id,
                ResponseRetrieveParams.builder().startingAfter(last).build())) {
            stream.stream().map(OpenAiSdkResumeTest::tree).forEach(seen::add);
        }
        for (int i = 0; i < seen.size(); i++) assertThat(seen.get(i).path("sequence_number").asInt()).isEqualTo(i);
        assertThat(seen.getLast().path("type").asText()).isEqualTo("response.completed");
        assertThat(seen.getLast().path("response").path("background").asBoolean(true)).isFalse();
        String streamed = seen.stream().filter(n -> n.path("type").asText().equals("response.output_text.delta"))
                .map(n -> n.path("delta").asText()).collect(Collectors.joining());
        assertThat(streamed).isEqualTo(expected);
        assertThat(seen.getLast().path("response").path("usage").path("output_tokens").asInt()).isPositive();
    }

    private static String text(Response r) {
        return r.output().stream().flatMap(o -> o.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(ResponseOutputText::text).collect(Collectors.joining());
    }

    private static JsonNode tree(ResponseStreamEvent event) {
        return ObjectMappers.jsonMapper().valueToTree(event);
    }
}
