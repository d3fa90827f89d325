package io.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.anthropic.AnthropicMessagesFormat;
import io.switchboard.providers.openai.chat.OpenAiChatFormat;
import io.switchboard.providers.openai.responses.OpenAiResponsesFormat;
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
}
