package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.anthropic.models.messages.StopReason;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicResponseTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final AnthropicMessagesFormat format = new AnthropicMessagesFormat(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void decodesBlocksStopReasonAndCacheAwareUsage() {
        ChatResponse r = format.decodeResponse(Fixtures.json("anthropic/response-tool-use.json"));

        assertThat(r.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(r.createdAt()).isEqualTo(NOW.getEpochSecond());
        assertThat(r.content()).containsExactly(new ContentPart.Thinking("Need the tool.", "EqQB"),
                new ContentPart.Text("Let me check."),
                new ContentPart.ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "{\"city\":\"Paris\",\"unit\":\"c\"}"));
        assertThat(r.stopReason()).isEqualTo(io.switchboard.core.model.StopReason.TOOL_USE);
        // input_tokens counts only the uncached part: 12 + 100 written + 2000 read.
        assertThat(r.usage()).isEqualTo(new Usage(2112, 66, 2000, 100, 0));
    }

    @Test
    void encodesMessageTheSdkAccepts() {
        ChatResponse r = new ChatResponse("chatcmpl-abc", "gpt-4o", List.of(new ContentPart.Text("Hello"),
                new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")),
                io.switchboard.core.model.StopReason.TOOL_USE, null, new Usage(1500, 30, 1024, 0, 0), 1);

        ObjectNode body = format.encodeResponse(r);

        assertThat(body.get("id").asText()).isEqualTo("msg_abc");
        assertThat(body.at("/usage/input_tokens").asLong()).isEqualTo(476);
        assertThat(body.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(1024);
        var sdk = SdkParsers.anthropic(body.toString(), com.anthropic.models.messages.Message.class);
        sdk.validate();
        assertThat(sdk.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(sdk.content().get(0).asText().text()).isEqualTo("Hello");
        assertThat(sdk.content().get(1).asToolUse().name()).isEqualTo("get_weather");
        assertThat(sdk.content().get(1).asToolUse()._input().toString()).contains("Oslo");
    }

    @Test
    void mapsEveryStopReason() {
        for (io.switchboard.core.model.StopReason reason : io.switchboard.core.model.StopReason.values()) {
            ChatResponse r = new ChatResponse("msg_1", "c", List.of(), reason, null, Usage.ZERO, 1);
            io.switchboard.core.model.StopReason back = format.decodeResponse(format.encodeResponse(r)).stopReason();
            if (reason == io.switchboard.core.model.StopReason.CONTENT_FILTER) {
                assertThat(back).isEqualTo(io.switchboard.core.model.StopReason.REFUSAL);
            } else {
                assertThat(back).isEqualTo(reason);
            }
        }
    }

    @Test
    void responseRoundTripsThroughNeutral() {
        ChatResponse decoded = format.decodeResponse(Fixtures.json("anthropic/response-tool-use.json"));
        assertThat(format.decodeResponse(format.encodeResponse(decoded))).isEqualTo(decoded);
    }
}
