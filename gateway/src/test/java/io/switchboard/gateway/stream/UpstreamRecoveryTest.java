package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.engine.stream.StreamRecoveryMetrics;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.simulator.LatencyModel;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream recovery over real HTTP, every client format against every kind of upstream: the simulator cuts the
 * upstream connection after N events (or stalls past the idle timeout), and the client still gets exactly the
 * text and the usage of a clean run, with no event twice and none missing.
 */
class UpstreamRecoveryTest {
    static StreamFixture fixture;

    @BeforeAll
    static void start() { fixture = new StreamFixture(LatencyModel.NONE, 800, StreamsConfig.DEFAULTS, null); }

    @AfterAll
    static void stop() { fixture.close(); }

    /** path, body, upstream that serves it. */
    static List<Arguments> calls() {
        return List.of(
                Arguments.of("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe a river\"}]}", "openai chat, regenerated"),
                Arguments.of("/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1024,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe a bridge\"}]}", "anthropic, prefill"),
                Arguments.of("/v1/responses", "{\"model\":\"gpt-4.1-mini\",\"stream\":true,\"input\":\"Describe a garden\"}",
                        "openai responses, background resume"),
                Arguments.of("/v1/chat/completions", "{\"model\":\"claude-haiku-4-5\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe a city\"}]}", "chat client on anthropic"),
                Arguments.of("/v1/responses", "{\"model\":\"claude-haiku-4-5\",\"stream\":true,\"input\":\"Describe a road\"}",
                        "responses client on anthropic"),
                Arguments.of("/v1/messages", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":1024,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe a market\"}]}", "anthropic client on openai chat"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("calls")
    void aCutUpstreamIsContinuedSeamlessly(String path, String body, String label) {
        SseClient.Result clean = call(path, body);
        String text = SseClient.text(clean.events());
        assertThat(text).isNotBlank();
        int upstreamEvents = clean.events().size();
        StreamRecoveryMetrics metrics = fixture.engine.streams().metrics();
        StreamRecoveryMetrics.Snapshot before = metrics.snapshot();
        int cuts = 0;
        for (int cut = 1; cut < upstreamEvents; cut += Math.max(1, upstreamEvents / 7)) {
            SseClient.Result r = call(path, body, "x-sim-fault", "cut_after:" + cut);
            assertThat(r.cleanEnd()).as("%s cut after %d", label, cut).isTrue();
            assertThat(SseClient.text(r.events())).as("%s cut after %d", label, cut).isEqualTo(text);
            assertThat(r.events()).extracting(SseEvent::id)
                    .containsExactlyElementsOf(IntStream.range(0, r.events().size()).mapToObj(Integer::toString).toList());
            assertThat(usage(r.events())).as("usage of %s cut after %d", label, cut).isEqualTo(usage(clean.events()));
            assertThat(r.body()).doesNotContain("stream_recovery");
            cuts++;
        }
        // A cut before the first event reaches the client is a plain retry (nothing to stitch), not a recovery.
        assertThat(metrics.snapshot().recovered() - before.recovered()).isBetween(cuts - 2L, (long) cuts);
        assertThat(metrics.snapshot().failed()).isEqualTo(before.failed());
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("calls")
    void aStalledUpstreamIsContinuedToo(String path, String body, String label) {
        if (path.equals("/v1/responses") && label.contains("background")) return; // the simulator stalls only foreground streams
        SseClient.Result clean = call(path, body);
        SseClient.Result r = call(path, body, "x-sim-fault", "idle_ms:3000");
        assertThat(r.cleanEnd()).isTrue();
        assertThat(SseClient.text(r.events())).isEqualTo(SseClient.text(clean.events()));
        assertThat(usage(r.events())).isEqualTo(usage(clean.events()));
    }

    @org.junit.jupiter.api.Test
    void aStreamThatCannotBeContinuedExactlyEndsWithADocumentedErrorInTheClientsFormat() {
        String tool = "{\"name\":\"lookup\",\"description\":\"Look up\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}}";
        String messages = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":512,\"stream\":true,\"tools\":[" + tool + "],"
                + "\"tool_choice\":{\"type\":\"any\"},\"messages\":[{\"role\":\"user\",\"content\":\"Find bridges\"}]}";
        // Cut inside the tool call: after its block started (the answer is a sentence of text, then the tool call).
        List<SseEvent> clean = call("/v1/messages", messages).events();
        int toolStart = IntStream.range(0, clean.size()).filter(i -> clean.get(i).data().contains("\"tool_use\"")).findFirst().orElseThrow();
        String cut = "cut_after:" + (toolStart + 2);
        SseClient.Result passThrough = call("/v1/messages", messages, "x-sim-fault", cut);
        assertThat(passThrough.cleanEnd()).isTrue();
        assertThat(passThrough.events().getLast().event()).isEqualTo("error");
        assertThat(passThrough.events().getLast().data()).contains("stream_recovery_unsupported");

        String chat = "{\"model\":\"claude-haiku-4-5\",\"stream\":true,\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Find bridges\"}]}";
        SseClient.Result translated = call("/v1/chat/completions", chat, "x-sim-fault", cut);
        assertThat(translated.cleanEnd()).isTrue();
        JsonNode error = SseClient.json(translated.events().getLast().data());
        assertThat(error.path("error").path("message").asText()).contains("stream_recovery_unsupported");
    }

    static SseClient.Result call(String path, String body, String... extra) {
        String[] headers = new String[6 + extra.length];
        String[] base = {"authorization", "Bearer " + StreamFixture.ALICE, "x-api-key", StreamFixture.ALICE, "anthropic-version", "2023-06-01"};
        System.arraycopy(base, 0, headers, 0, 6);
        System.arraycopy(extra, 0, headers, 6, extra.length);
        SseClient.Result r = SseClient.post(fixture.baseUrl() + path, body, -1, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** The final usage the client sees, whatever the format: [input, output]. */
    static List<Long> usage(List<SseEvent> events) {
        long in = -1, out = -1;
        for (SseEvent e : events) {
            if (e.data() == null || !e.data().startsWith("{")) continue;
            JsonNode d = SseClient.json(e.data());
            JsonNode u = d.has("usage") && !d.get("usage").isNull() ? d.get("usage")
                    : d.path("response").has("usage") && !d.path("response").get("usage").isNull() ? d.path("response").get("usage") : null;
            if (u == null) continue;
            if (u.has("prompt_tokens")) in = u.path("prompt_tokens").asLong();
            if (u.has("completion_tokens")) out = u.path("completion_tokens").asLong();
            if (u.has("input_tokens")) in = u.path("input_tokens").asLong();
            if (u.has("output_tokens")) out = u.path("output_tokens").asLong();
        }
        return List.of(in, out);
    }
}
