package io.switchboard.core.wire;

import io.switchboard.core.model.StreamEvent;
import java.util.List;

/** Turns one stream's upstream SSE events into neutral events. Stateful: one instance per stream. */
public interface StreamDecoder {
    /** Neutral events for this frame; empty for keep-alives ({@code ping}) and the {@code [DONE]} sentinel. */
    List<StreamEvent> decode(SseEvent event);
}
