package io.switchboard.gateway.sdk;

import static java.util.stream.Collectors.joining;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.TextDelta;
import java.util.ArrayList;
import java.util.List;

/** Reads what the Anthropic SDK parsed: message texts and whole streams. */
final class AnthropicReplies {
    private AnthropicReplies() {}

    /** A Messages stream as the SDK delivered it: every event, plus the message its accumulator built. */
    record MessageStream(List<RawMessageStreamEvent> events, Message accumulated) {
        /** The concatenated {@code text_delta}s, in order. */
        String text() {
            return events.stream().flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream()).map(TextDelta::text).collect(joining());
        }
    }

    static MessageStream read(StreamResponse<RawMessageStreamEvent> stream) {
        try (stream) {
            MessageAccumulator acc = MessageAccumulator.create();
            List<RawMessageStreamEvent> events = new ArrayList<>();
            stream.stream().forEach(event -> {
                event.validate();
                events.add(acc.accumulate(event));
            });
            return new MessageStream(events, acc.message());
        }
    }

    /** All text blocks of a message, concatenated. */
    static String text(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(TextBlock::text).collect(joining());
    }
}
