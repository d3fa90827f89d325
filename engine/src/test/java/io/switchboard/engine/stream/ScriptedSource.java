package io.switchboard.engine.stream;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import java.util.List;

/** An upstream that sends its events on start, then breaks, ends, or goes silent. */
final class ScriptedSource implements ByteSource {
    enum Then { BREAK, END, SILENCE }

    private final List<SseEvent> events;
    private final Then then;
    boolean cancelled;
    boolean paused;

    ScriptedSource(List<SseEvent> events, Then then) {
        this.events = events;
        this.then = then;
    }

    @Override
    public void start(Sink sink) {
        for (SseEvent e : events) {
            if (cancelled) return;
            sink.onData(SseWriter.encode(e));
        }
        if (cancelled) return;
        switch (then) {
            case BREAK -> sink.onError(new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "connection reset")));
            case END -> sink.onEnd();
            case SILENCE -> { }
        }
    }

    @Override
    public void pause() { paused = true; }

    @Override
    public void resume() { paused = false; }

    @Override
    public void cancel() { cancelled = true; }
}
