package io.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.anthropic.AnthropicMessagesFormat;
import io.switchboard.providers.openai.chat.OpenAiChatFormat;
import io.switchboard.providers.openai.responses.OpenAiResponsesFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatsTest {

    @Test
    void returnsOneSharedCodecPerFormat() {
        for (WireFormatId id : WireFormatId.values()) {
            assertThat(WireFormats.of(id).id()).isEqualTo(id);
            assertThat(WireFormats.of(id)).isSameAs(WireFormats.of(id));
        }
        assertThat(WireFormats.of(WireFormatId.OPENAI_CHAT)).isInstanceOf(OpenAiChatFormat.class);
        assertThat(WireFormats.of(WireFormatId.OPENAI_RESPONSES)).isInstanceOf(OpenAiResponsesFormat.class);
        assertThat(WireFormats.of(WireFormatId.ANTHROPIC_MESSAGES)).isInstanceOf(AnthropicMessagesFormat.class);
    }

    @Test
    void streamCodecsAreFreshPerStream() {
        for (WireFormatId id : WireFormatId.values()) {
            assertThat(WireFormats.of(id).newStreamDecoder()).isNotSameAs(WireFormats.of(id).newStreamDecoder());
            assertThat(WireFormats.of(id).newStreamEncoder()).isNotSameAs(WireFormats.of(id).newStreamEncoder());
        }
    }

    @Test
    void eachFormatReadsTheUsageOfItsOwnResponsesAsTheFullDecoderDoes() {
        ChatResponse r = new ChatResponse("id_1", "m", List.of(new ContentPart.Text("Hi")), StopReason.END_TURN, null,
                new Usage(1500, 30, 1024, 0, 7), 1);
        for (WireFormatId id : WireFormatId.values()) {
            ObjectNode body = WireFormats.of(id).encodeResponse(r);
            Usage full = WireFormats.of(id).decodeResponse(body).usage();
            assertThat(WireFormats.of(id).decodeUsage(body.get("usage"))).as(id.name()).isEqualTo(full);
            assertThat(full.inputTokens()).as(id.name()).isEqualTo(1500);
        }
    }
}
