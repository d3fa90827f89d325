package io.switchboard.providers.openai.responses;

import static io.switchboard.providers.Fixtures.decodeAll;
import static io.switchboard.providers.Fixtures.encodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStatus;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.StreamEvent.MessageStart;
import io.switchboard.core.model.StreamEvent.MessageStop;
import io.switchboard.core.model.StreamEvent.PartStop;
import io.switchboard.core.model.StreamEvent.TextDelta;
import io.switchboard.core.model.StreamEvent.TextStart;
import io.switchboard.core.model.StreamEvent.ToolArgumentsDelta;
import io.switchboard.core.model.StreamEvent.ToolCallStart;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiResponsesStreamTest {
    private final OpenAiResponsesFormat format = new OpenAiResponsesFormat();

    @Test
    void decodesMessageAndFunctionCallItemsSkippingReasoning() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-responses/stream-tools.sse"));
        assertThat(events).containsExactly(
                new MessageStart("resp_abc", "gpt-4.1-2025-04-14", Usage.ZERO, 1741290958L),
                new TextStart(0), new TextDelta(0, "Hi "), new TextDelta(0, "thére ✓"), new PartStop(0),
                new ToolCallStart(1, "call_w1", "get_weather"),
                new ToolArgumentsDelta(1, "{\"city\":"), new ToolArgumentsDelta(1, "\"Paris\"}"), new PartStop(1),
                new MessageStop(StopReason.TOOL_USE, null, new Usage(37, 11, 5, 0, 3)));
    }

    @Test
    void decodesFailedResponseAsError() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-responses/stream-failed.sse"));
        assertThat(events).hasSize(2);
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
            assertThat(e.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.error().message()).isEqualTo("Rate limit reached for gpt-4.1");
        });
    }

    @Test
    void argumentsSentOnlyInDoneEventAreNotLost() {
        var decoder = format.newStreamDecoder();
        decoder.decode(SseEvent.data("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\",\"created_at\":1}}"));
        decoder.decode(SseEvent.data("{\"type\":\"response.output_item.added\",\"output_index\":0,"
                + "\"item\":{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"\"}}"));
        List<StreamEvent> done = decoder.decode(SseEvent.data(
                "{\"type\":\"response.function_call_arguments.done\",\"output_index\":0,\"arguments\":\"{\\\"a\\\":1}\"}"));
        assertThat(done).containsExactly(new ToolArgumentsDelta(0, "{\"a\":1}"));
    }

    @Test
    void incompleteResponseStopsForItsReasonClosingOpenParts() {
        var decoder = format.newStreamDecoder();
        decoder.decode(SseEvent.data("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\",\"created_at\":1}}"));
        decoder.decode(SseEvent.data("{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\"}}"));
        List<StreamEvent> end = decoder.decode(SseEvent.data("{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\","
                + "\"incomplete_details\":{\"reason\":\"content_filter\"},\"usage\":{\"input_tokens\":4,\"output_tokens\":2}}}"));
        assertThat(end).containsExactly(new PartStop(0), new MessageStop(StopReason.CONTENT_FILTER, null, Usage.of(4, 2)));
    }

    @Test
    void encodesFullEventSequenceWithContiguousSequenceNumbers() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-responses/stream-tools.sse"));
        List<SseEvent> frames = encodeAll(format.newStreamEncoder(), events);

        List<String> types = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            JsonNode data = Fixtures.parse(frames.get(i).data());
            assertThat(data.get("sequence_number").asInt()).isEqualTo(i);
            assertThat(frames.get(i).event()).isEqualTo(data.get("type").asText());
            types.add(frames.get(i).event());
        }
        assertThat(types).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        JsonNode delta = Fixtures.parse(frames.get(4).data());
        assertThat(delta.get("logprobs").isArray()).isTrue();
        assertThat(delta.get("content_index").asInt()).isZero();

        Response sdk = SdkParsers.response(frames);
        assertThat(sdk.status()).contains(ResponseStatus.COMPLETED);
        assertThat(sdk.output().get(0).asMessage().content().getFirst().asOutputText().text()).isEqualTo("Hi thére ✓");
        assertThat(sdk.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(sdk.output().get(1).asFunctionCall().callId()).isEqualTo("call_w1");
        assertThat(sdk.usage().orElseThrow().inputTokens()).isEqualTo(37);
    }

    @Test
    void reencodedStreamDecodesToTheSameEvents() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-responses/stream-tools.sse"));
        assertThat(decodeAll(format.newStreamDecoder(), encodeAll(format.newStreamEncoder(), events))).isEqualTo(events);
    }

    @Test
    void maxTokensEndsWithIncompleteAndEchoesRequest() {
        ChatRequest request = ChatRequest.builder().model("m").system("Be brief.").messages(List.of(Message.user("x"))).build();
        StreamEncoder encoder = format.newStreamEncoder(request);
        List<SseEvent> frames = encodeAll(encoder, List.of(new MessageStart("resp_9", "m", Usage.ZERO, 5), new TextStart(0),
                new TextDelta(0, "cut"), new MessageStop(StopReason.MAX_TOKENS, null, Usage.of(3, 1))));
        SseEvent last = frames.getLast();
        assertThat(last.event()).isEqualTo("response.incomplete");
        JsonNode response = Fixtures.parse(last.data()).get("response");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.get("instructions").asText()).isEqualTo("Be brief.");
        // The part left open is closed before the end.
        assertThat(frames).extracting(SseEvent::event).contains("response.output_item.done");
        assertThat(SdkParsers.response(frames).status()).contains(ResponseStatus.INCOMPLETE);
    }

    @Test
    void encodesErrorEvent() {
        StreamEncoder encoder = format.newStreamEncoder();
        List<SseEvent> start = encoder.encode(new MessageStart("resp_1", "m", Usage.ZERO, 1));
        List<SseEvent> error = encoder.encode(new StreamEvent.Error(ProviderError.of(ErrorKind.RATE_LIMITED, "slow down")));
        assertThat(error).singleElement().satisfies(f -> {
            assertThat(f.event()).isEqualTo("error");
            JsonNode data = Fixtures.parse(f.data());
            assertThat(data.get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(data.get("message").asText()).isEqualTo("slow down");
            assertThat(data.has("param")).isTrue();
            assertThat(data.get("sequence_number").asInt()).isEqualTo(start.size());
        });
    }
}
