package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The seams of each format, driven by scripted upstreams: what is dropped, what is edited, what ends a stream. */
class RecoveringByteSourceTest {
    record Sent(String method, String uri, Map<String, String> headers, String body) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<ByteSource> next = new ArrayDeque<>();
    private final AtomicLong now = new AtomicLong();
    private final List<Runnable> timers = new ArrayList<>();
    private final StreamRecoveryMetrics metrics = new StreamRecoveryMetrics();

    private Throwable noUpstream = new IllegalStateException("no more upstreams");
    private final StreamOpener opener = (method, uri, headers, body) -> {
        sent.add(new Sent(method, uri, headers, body == null ? null : new String(body, StandardCharsets.UTF_8)));
        return next.isEmpty() ? CompletableFuture.failedFuture(noUpstream)
                : CompletableFuture.completedFuture(next.poll());
    };

    /** Runs every timer that is due (the tests move time by hand). */
    private final RecoveryTimers manualTimers = (delay, task) -> {
        timers.add(task);
        return () -> timers.remove(task);
    };

    private List<SseEvent> run(WireFormatId format, String body, ByteSource first) {
        RecoveryRequest request = new RecoveryRequest("req_1", "up", format, "claude-haiku-4-5", "/v1/x",
                Map.of("x-sim-fault", "cut_after:3", "content-type", "application/json", "x-api-key", "secret"),
                body.getBytes(StandardCharsets.UTF_8));
        Seam seam = switch (format) {
            case OPENAI_RESPONSES -> new ResponsesSeam(request, true);
            case ANTHROPIC_MESSAGES -> new MessagesSeam(request);
            case OPENAI_CHAT -> new ChatSeam(request);
        };
        RecoveringByteSource source = new RecoveringByteSource(request, first, opener, seam, 3, metrics, now::get, manualTimers,
                Duration.ofMillis(500));
        List<SseEvent> out = new ArrayList<>();
        boolean[] ended = {false};
        SseParser parser = new SseParser(out::add);
        source.start(new ByteSource.Sink() {
            @Override public void onData(byte[] chunk) { parser.feed(chunk, 0, chunk.length); }
            @Override public void onEnd() { ended[0] = true; }
            @Override public void onError(Throwable failure) { throw new AssertionError("the stream must end cleanly", failure); }
        });
        for (int tick = 0; tick < 10 && !ended[0]; tick++) {
            now.addAndGet(Duration.ofMillis(600).toNanos());
            new ArrayList<>(timers).forEach(t -> {
                timers.remove(t);
                t.run();
            });
        }
        assertThat(ended[0]).as("the stream ended").isTrue();
        return out;
    }

    // ---- OpenAI Responses

    private static SseEvent responses(int seq, String type, String extra) {
        return SseEvent.of(type, "{\"type\":\"" + type + "\",\"sequence_number\":" + seq + extra + "}");
    }

    private static List<SseEvent> responseEvents(int from, int to) {
        List<SseEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i == 0) out.add(responses(0, "response.created", ",\"response\":{\"id\":\"resp_1\",\"background\":true,\"status\":\"in_progress\"}"));
            else if (i == to - 1 && to == 8) out.add(responses(i, "response.completed", ",\"response\":{\"id\":\"resp_1\",\"background\":true,\"status\":\"completed\"}"));
            else out.add(responses(i, "response.output_text.delta", ",\"delta\":\"w" + i + " \""));
        }
        return out;
    }

    @Test
    void responsesResumeAfterTheLastSequenceNumberAndDropWhatWasSeen() {
        next.add(new ScriptedSource(responseEvents(2, 8), ScriptedSource.Then.END)); // replays 2..3 again
        List<SseEvent> out = run(WireFormatId.OPENAI_RESPONSES, "{\"model\":\"gpt-4.1\",\"background\":true,\"stream\":true}",
                new ScriptedSource(responseEvents(0, 4), ScriptedSource.Then.BREAK));

        assertThat(out).extracting(e -> json(e).path("sequence_number").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.uri()).isEqualTo("/v1/x/resp_1?stream=true&starting_after=3");
            assertThat(s.headers()).containsKey("x-api-key").doesNotContainKeys("x-sim-fault", "content-type");
        });
        // The gateway turned background on; the client sees background false.
        assertThat(json(out.getFirst()).path("response").path("background").asBoolean()).isFalse();
        assertThat(json(out.getLast()).path("response").path("background").asBoolean()).isFalse();
        StreamRecoveryMetrics.Snapshot m = metrics.snapshot();
        assertThat(m.breaks()).isEqualTo(1);
        assertThat(m.recovered()).isEqualTo(1);
        assertThat(m.dedupedBytes()).isGreaterThan(0);
    }

    @Test
    void aResumedResponseThatReplaysDifferentContentEndsWithTheDivergedError() {
        List<SseEvent> replay = new ArrayList<>(responseEvents(2, 8));
        replay.set(1, responses(3, "response.output_text.delta", ",\"delta\":\"something else\""));
        next.add(new ScriptedSource(replay, ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.OPENAI_RESPONSES, "{\"model\":\"gpt-4.1\",\"background\":true}",
                new ScriptedSource(responseEvents(0, 4), ScriptedSource.Then.BREAK));
        assertThat(out).extracting(e -> json(e).path("sequence_number").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(json(out.getLast()).path("code").asText()).isEqualTo("stream_recovery_diverged");
    }

    @Test
    void aResponseThatWasNotCreatedInBackgroundEndsWithADocumentedError() {
        List<SseEvent> out = run(WireFormatId.OPENAI_RESPONSES, "{\"model\":\"gpt-4.1\",\"store\":false}",
                new ScriptedSource(responseEvents(0, 4), ScriptedSource.Then.BREAK));
        assertThat(out).hasSize(5);
        assertThat(out.getLast().event()).isEqualTo("error");
        assertThat(json(out.getLast()).path("code").asText()).isEqualTo("stream_recovery_unsupported");
        assertThat(json(out.getLast()).path("sequence_number").asInt()).isEqualTo(4);
        assertThat(sent).isEmpty();
        assertThat(metrics.snapshot().failed()).isEqualTo(1);
    }

    // ---- Anthropic Messages

    private static SseEvent anthropic(String type, String json) { return SseEvent.of(type, "{\"type\":\"" + type + "\"" + json + "}"); }

    private static SseEvent text(String t) {
        return anthropic("content_block_delta", ",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + t + "\"}");
    }

    private static List<SseEvent> messageHead(long inputTokens) {
        return List.of(anthropic("message_start", ",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}"),
                anthropic("content_block_start", ",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}"));
    }

    private static List<SseEvent> messageTail(long input, long output) {
        return List.of(anthropic("content_block_stop", ",\"index\":0"),
                anthropic("message_delta", ",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":" + output + "}"),
                anthropic("message_stop", ""));
    }

    private static List<SseEvent> concat(List<SseEvent> a, List<SseEvent> b) {
        List<SseEvent> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void messagesContinueFromAPrefillAndCountUsageOnce() {
        List<SseEvent> first = concat(messageHead(10), List.of(text("The quiet"), text(" river ")));
        // The prefill "The quiet river" (trailing space held back) costs 3 more input tokens; the model goes on with " follows".
        next.add(new ScriptedSource(concat(concat(messageHead(13), List.of(text(" follows"), text(" us."))), messageTail(13, 2)),
                ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.ANTHROPIC_MESSAGES,
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                new ScriptedSource(first, ScriptedSource.Then.BREAK));

        assertThat(textOf(out)).isEqualTo("The quiet river follows us.");
        assertThat(out).extracting(SseEvent::event).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode body = EngineJson.parseOrNull(sent.getFirst().body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("The quiet river");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100 - 3);
        JsonNode usage = json(out.get(7)).path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(10);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(2 + 3);
    }

    @Test
    void messagesWithToolUseCannotBeContinuedExactly() {
        List<SseEvent> first = concat(messageHead(10), List.of(anthropic("content_block_start",
                ",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}")));
        List<SseEvent> out = run(WireFormatId.ANTHROPIC_MESSAGES, "{\"messages\":[]}", new ScriptedSource(first, ScriptedSource.Then.BREAK));
        assertThat(out.getLast().event()).isEqualTo("error");
        assertThat(json(out.getLast()).at("/error/message").asText()).startsWith("[stream_recovery_unsupported]");
        assertThat(sent).isEmpty();
    }

    @Test
    void aBreakBeforeAnythingWasDeliveredSimplyAsksAgain() {
        next.add(new ScriptedSource(concat(concat(messageHead(10), List.of(text("Hello."))), messageTail(10, 2)), ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.ANTHROPIC_MESSAGES, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                new ScriptedSource(List.of(), ScriptedSource.Then.BREAK));
        assertThat(textOf(out)).isEqualTo("Hello.");
        assertThat(out.getFirst().event()).isEqualTo("message_start");
        assertThat(sent.getFirst().body()).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    // ---- OpenAI Chat Completions

    private static SseEvent chunk(String id, String content, String finish) {
        return SseEvent.data("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"choices\":[{\"index\":0,\"delta\":{"
                + (content == null ? "\"role\":\"assistant\",\"content\":\"\"" : "\"content\":\"" + content + "\"") + "},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}");
    }

    private static List<SseEvent> chat(String id, String... pieces) {
        List<SseEvent> out = new ArrayList<>();
        out.add(chunk(id, null, null));
        for (String p : pieces) out.add(chunk(id, p, null));
        return out;
    }

    @Test
    void chatIsRegeneratedVerifiedAndJoinedAtTheSeamWithTheFirstId() {
        next.add(new ScriptedSource(concat(chat("chatcmpl-B", "The qu", "iet riv", "er flows."),
                List.of(chunk("chatcmpl-B", "", "stop"), SseEvent.data("[DONE]"))), ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.OPENAI_CHAT, "{\"model\":\"gpt-4o-mini\"}",
                new ScriptedSource(chat("chatcmpl-A", "The quiet", " ri"), ScriptedSource.Then.BREAK));

        assertThat(textOf(out)).isEqualTo("The quiet river flows.");
        assertThat(out.stream().filter(e -> !e.data().equals("[DONE]")).map(e -> json(e).path("id").asText()).distinct().toList())
                .containsExactly("chatcmpl-A");
        assertThat(out.stream().filter(e -> e.data().contains("\"role\"")).count()).isEqualTo(1);
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        assertThat(sent.getFirst().body()).isEqualTo("{\"model\":\"gpt-4o-mini\"}");
    }

    @Test
    void aRegeneratedChatThatDiffersEndsWithTheDivergedError() {
        next.add(new ScriptedSource(chat("chatcmpl-B", "A different", " answer"), ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.OPENAI_CHAT, "{\"model\":\"gpt-4o-mini\"}",
                new ScriptedSource(chat("chatcmpl-A", "The quiet"), ScriptedSource.Then.BREAK));
        assertThat(textOf(out)).isEqualTo("The quiet");
        assertThat(json(out.getLast()).at("/error/code").asText()).isEqualTo("stream_recovery_diverged");
    }

    @Test
    void whenEveryAttemptFailsTheStreamEndsWithTheFailedError() {
        List<SseEvent> out = run(WireFormatId.OPENAI_CHAT, "{\"model\":\"gpt-4o-mini\"}",
                new ScriptedSource(chat("chatcmpl-A", "The quiet"), ScriptedSource.Then.BREAK));
        assertThat(sent).hasSize(3);
        assertThat(json(out.getLast()).at("/error/code").asText()).isEqualTo("stream_recovery_failed");
        assertThat(json(out.getLast()).at("/error/message").asText()).doesNotContain("secret");
    }

    @Test
    void aGatewayThatIsStoppingGivesUpAfterOneRefusedAttempt() {
        // The transport refuses new upstream requests once its connections are closed: trying twice more cannot help.
        noUpstream = new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream up failed"),
                new RejectedExecutionException("the upstream connections are closed: the gateway is stopping"));
        List<SseEvent> out = run(WireFormatId.OPENAI_CHAT, "{\"model\":\"gpt-4o-mini\"}",
                new ScriptedSource(chat("chatcmpl-A", "The quiet"), ScriptedSource.Then.BREAK));
        assertThat(sent).hasSize(1);
        assertThat(json(out.getLast()).at("/error/code").asText()).isEqualTo("stream_recovery_failed");
        assertThat(json(out.getLast()).at("/error/message").asText()).contains("stopping");
    }

    @Test
    void aSilentUpstreamIsTreatedAsBrokenAfterTheStallTimeout() {
        ScriptedSource silent = new ScriptedSource(chat("chatcmpl-A", "The quiet"), ScriptedSource.Then.SILENCE);
        next.add(new ScriptedSource(concat(chat("chatcmpl-B", "The quiet", " river."),
                List.of(chunk("chatcmpl-B", "", "stop"), SseEvent.data("[DONE]"))), ScriptedSource.Then.END));
        List<SseEvent> out = run(WireFormatId.OPENAI_CHAT, "{\"model\":\"gpt-4o-mini\"}", silent);
        assertThat(textOf(out)).isEqualTo("The quiet river.");
        assertThat(silent.cancelled).as("the stalled connection is released").isTrue();
        assertThat(metrics.snapshot().gapP50Ms()).isGreaterThanOrEqualTo(500);
    }

    private static JsonNode json(SseEvent e) { return EngineJson.parseOrNull(e.data().getBytes(StandardCharsets.UTF_8)); }

    private static String textOf(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            if (!e.data().startsWith("{")) continue;
            JsonNode d = json(e);
            if ("content_block_delta".equals(d.path("type").asText())) sb.append(d.at("/delta/text").asText());
            else if (d.has("choices")) sb.append(d.path("choices").path(0).path("delta").path("content").asText(""));
        }
        return sb.toString();
    }

    /** Emits the given byte chunks, then ends. */
    private static ByteSource chunks(String... parts) {
        return new ByteSource() {
            @Override
            public void start(Sink sink) {
                for (String p : parts) sink.onData(p.getBytes(StandardCharsets.UTF_8));
                sink.onEnd();
            }
            @Override public void pause() { }
            @Override public void resume() { }
            @Override public void cancel() { }
        };
    }

    private String relayBytes(ByteSource upstream) {
        RecoveryRequest request = new RecoveryRequest("req_1", "up", WireFormatId.OPENAI_CHAT, "gpt-4o-mini", "/v1/x",
                Map.of("content-type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        RecoveringByteSource source = new RecoveringByteSource(request, upstream, opener, new ChatSeam(request), 3, metrics,
                now::get, manualTimers, Duration.ofMillis(500));
        StringBuilder out = new StringBuilder();
        source.start(new ByteSource.Sink() {
            @Override public void onData(byte[] chunk) { out.append(new String(chunk, StandardCharsets.UTF_8)); }
            @Override public void onEnd() { }
            @Override public void onError(Throwable failure) { throw new AssertionError(failure); }
        });
        return out.toString();
    }

    @Test
    void chunksOfWholeUnchangedFramesAreForwardedByteForByte() {
        String first = ": keep-alive\n\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
        String last = "data: [DONE]\n\n";
        // Whole frames pass as they came: the comment line a re-framing would drop is still there.
        assertThat(relayBytes(chunks(first, last))).isEqualTo(first + last);
        // A frame split across chunks is re-framed once it is whole, and nothing is lost or doubled.
        String split = relayBytes(chunks(first.substring(0, 30), first.substring(30), last));
        List<SseEvent> events = new ArrayList<>();
        new SseParser(events::add).feed(split.getBytes(StandardCharsets.UTF_8), 0, split.length());
        assertThat(events).extracting(SseEvent::data).containsExactly(
                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}", "[DONE]");
    }
}
