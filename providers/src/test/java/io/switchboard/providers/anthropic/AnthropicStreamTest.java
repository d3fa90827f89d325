package io.switchboard.providers.anthropic;

import static io.switchboard.providers.Fixtures.decodeAll;
import static io.switchboard.providers.Fixtures.encodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.StreamEvent.MessageStart;
import io.switchboard.core.model.StreamEvent.MessageStop;
import io.switchboard.core.model.StreamEvent.PartStop;
import io.switchboard.core.model.StreamEvent.TextDelta;
import io.switchboard.core.model.StreamEvent.TextStart;
import io.switchboard.core.model.StreamEvent.ThinkingDelta;
import io.switchboard.core.model.StreamEvent.ToolArgumentsDelta;
import io.switchboard.core.model.StreamEvent.ToolCallStart;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final AnthropicMessagesFormat format = new AnthropicMessagesFormat(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void decodesBlocksSkippingServerToolsAndPings() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("anthropic/stream-tools.sse"));
        assertThat(events).containsExactly(
                new MessageStart("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929", new Usage(1472, 2, 1000, 0, 0),
                        NOW.getEpochSecond()),
                new ThinkingDelta(0, "The user wants Paris weather."), new PartStop(0),
                new TextStart(1), new TextDelta(1, "Okay, let's"), new TextDelta(1, " check — 天気 ☀️"), new PartStop(1),
                new ToolCallStart(2, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
                new ToolArgumentsDelta(2, "{\"city\": \"Pa"), new ToolArgumentsDelta(2, "ris\", \"unit\": \"c\"}"), new PartStop(2),
                // message_delta's cumulative output count, with the input counts from message_start.
                new MessageStop(StopReason.TOOL_USE, null, new Usage(1472, 89, 1000, 0, 20)));
    }

    @Test
    void decodesMidStreamError() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("anthropic/stream-error.sse"));
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
            assertThat(e.error().kind()).isEqualTo(ErrorKind.OVERLOADED);
            assertThat(e.error().message()).isEqualTo("Overloaded");
        });
    }

    @Test
    void encodesEventSequenceTheSdkAccumulates() {
        List<StreamEvent> events = decodeAll(format.newStreamDecoder(), Fixtures.sse("anthropic/stream-tools.sse"));
        List<SseEvent> frames = encodeAll(format.newStreamEncoder(), events);

        assertThat(frames).extracting(SseEvent::event).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        for (SseEvent f : frames) assertThat(Fixtures.parse(f.data()).get("type").asText()).isEqualTo(f.event());
        JsonNode start = Fixtures.parse(frames.getFirst().data());
        assertThat(start.at("/message/usage/input_tokens").asLong()).isEqualTo(472);
        JsonNode delta = Fixtures.parse(frames.get(9).data());
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(89);

        var sdk = SdkParsers.message(frames);
        assertThat(sdk.content()).hasSize(2);
        assertThat(sdk.content().get(0).asText().text()).isEqualTo("Okay, let's check — 天気 ☀️");
        assertThat(sdk.content().get(1).asToolUse().id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(sdk.content().get(1).asToolUse()._input().toString()).contains("Paris");
        assertThat(sdk.usage().outputTokens()).isEqualTo(89);
        assertThat(sdk.usage().cacheReadInputTokens()).contains(1000L);
    }

    @Test
    void closesAnOpenBlockBeforeTheNextAndRepeatsInputUsageAtTheEnd() {
        StreamEncoder encoder = format.newStreamEncoder();
        List<SseEvent> frames = encodeAll(encoder, List.of(
                new MessageStart("chatcmpl-1", "gpt-4o", Usage.ZERO, 1),
                new TextStart(0), new TextDelta(0, "a"),
                new ToolCallStart(1, "call_1", "f"), new ToolArgumentsDelta(1, "{}"),
                new MessageStop(StopReason.TOOL_USE, null, new Usage(50, 7, 10, 0, 0))));
        assertThat(frames).extracting(SseEvent::event).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        JsonNode delta = Fixtures.parse(frames.get(7).data());
        assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(40);
        assertThat(delta.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(10);
        var sdk = SdkParsers.message(frames);
        assertThat(sdk.id()).isEqualTo("msg_1");
        assertThat(sdk.usage().inputTokens()).isEqualTo(40);
    }

    @Test
    void encodesErrorEnvelope() {
        StreamEncoder encoder = format.newStreamEncoder();
        encoder.encode(new MessageStart("msg_1", "c", Usage.ZERO, 1));
        List<SseEvent> frames = encoder.encode(new StreamEvent.Error(ProviderError.of(ErrorKind.OVERLOADED, "Overloaded")));
        assertThat(frames).containsExactly(SseEvent.of("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    }
}
