package io.switchboard.core.wire;

import io.switchboard.core.model.StreamEvent;
import java.util.List;

/**
 * Turns one stream's neutral events into the client's SSE events. Stateful (sequence numbers, open
 * parts, the response id): one instance per stream. The encoder of a format that ends with a sentinel
 * (OpenAI Chat {@code [DONE]}) emits it after {@link StreamEvent.MessageStop}.
 */
public interface StreamEncoder {
    List<SseEvent> encode(StreamEvent event);
}
