package io.switchboard.providers.openai.chat;

import static io.switchboard.providers.Fixtures.decodeAll;
import static io.switchboard.providers.Fixtures.encodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import io.switchboard.core.model.ErrorKind;
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
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatStreamTest {
    private final OpenAiChatFormat format = new OpenAiChatFormat();

    @Test
    void decodesTextStreamWithUsageChunk() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-chat/stream-text.sse"));
        assertThat(events).containsExactly(
                new MessageStart("chatcmpl-Bx1", "gpt-4o-mini-2024-07-18", Usage.ZERO, 1738960610L),
                new TextStart(0),
                new TextDelta(0, "Héllo"),
                new TextDelta(0, " wörld 🌍"),
                new PartStop(0),
                new MessageStop(StopReason.END_TURN, null, Usage.of(9, 5)));
    }

    @Test
    void synthesisesPartsForTextAndEachToolCall() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-chat/stream-tools.sse"));
        assertThat(events).containsExactly(
                new MessageStart("chatcmpl-Tc7", "gpt-4o-2024-08-06", Usage.ZERO, 1738960700L),
                new TextStart(0), new TextDelta(0, "Checking."), new PartStop(0),
                new ToolCallStart(1, "call_p1", "get_weather"),
                new ToolArgumentsDelta(1, "{\"ci"), new ToolArgumentsDelta(1, "ty\":\"Paris\"}"), new PartStop(1),
                new ToolCallStart(2, "call_o2", "get_weather"),
                new ToolArgumentsDelta(2, "{\"city\":\"Oslo\"}"), new PartStop(2),
                new MessageStop(StopReason.TOOL_USE, null, new Usage(80, 40, 64, 0, 0)));
    }

    @Test
    void withoutUsageChunkStopsAtDone() {
        List<SseEvent> frames = Fixtures.sse("openai-chat/stream-text.sse").stream()
                .filter(f -> !f.data().contains("\"choices\":[]")).toList();
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), frames);
        assertThat(events.getLast()).isEqualTo(new MessageStop(StopReason.END_TURN, null, Usage.ZERO));
        assertThat(events.stream().filter(e -> e instanceof MessageStop)).hasSize(1);
    }

    @Test
    void decodesMidStreamError() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-chat/stream-error.sse"));
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
            assertThat(e.error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(e.error().message()).startsWith("The server had an error");
        });
        assertThat(Fixtures.text(events)).isEqualTo("Partial");
    }

    @Test
    void encodesChunksWithOneIdFinishChunkUsageAndDone() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-chat/stream-tools.sse"));
        List<SseEvent> frames = encodeAll(format.newStreamEncoder(), events);

        assertThat(frames).allSatisfy(f -> assertThat(f.event()).isNull());
        assertThat(frames.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = frames.subList(0, frames.size() - 1).stream().map(f -> Fixtures.parse(f.data())).toList();
        assertThat(chunks).extracting(c -> c.get("id").asText()).containsOnly("chatcmpl-Tc7");
        assertThat(chunks).extracting(c -> c.get("created").asLong()).containsOnly(1738960700L);
        assertThat(chunks).extracting(c -> c.get("object").asText()).containsOnly("chat.completion.chunk");
        assertThat(chunks.getFirst().at("/choices/0/delta")).isEqualTo(Fixtures.parse("{\"role\":\"assistant\",\"content\":\"\"}"));
        JsonNode toolStart = chunks.stream().filter(c -> c.at("/choices/0/delta/tool_calls/0/id").isTextual()).findFirst().orElseThrow();
        assertThat(toolStart.at("/choices/0/delta/tool_calls/0")).isEqualTo(Fixtures.parse(
                "{\"index\":0,\"id\":\"call_p1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"));
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo(80);
        assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(64);

        ChatCompletion sdk = SdkParsers.chatCompletion(frames);
        ChatCompletion.Choice choice = sdk.choices().getFirst();
        assertThat(choice.message().content()).contains("Checking.");
        assertThat(choice.message().toolCalls().orElseThrow()).extracting(c -> c.asFunction().function().arguments())
                .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Oslo\"}");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void reencodedStreamDecodesToTheSameEvents() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("openai-chat/stream-tools.sse"));
        List<StreamEvent> again = decodeAll(format.newStreamDecoder(), encodeAll(format.newStreamEncoder(), events));
        assertThat(again).isEqualTo(events);
    }

    @Test
    void encodesErrorAsDataErrorObjectAndStops() {
        var encoder = format.newStreamEncoder();
        encoder.encode(new MessageStart("chatcmpl-x", "m", Usage.ZERO, 1));
        List<SseEvent> frames = encoder.encode(new StreamEvent.Error(
                ProviderError.of(ErrorKind.OVERLOADED, "Overloaded")));
        assertThat(frames).singleElement().satisfies(f -> {
            JsonNode error = Fixtures.parse(f.data()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("server_error");
            assertThat(error.get("message").asText()).isEqualTo("Overloaded");
            assertThat(error.has("param") && error.has("code")).isTrue();
        });
        assertThat(encoder.encode(new MessageStop(StopReason.END_TURN, null, Usage.ZERO))).isEmpty();
    }
}
