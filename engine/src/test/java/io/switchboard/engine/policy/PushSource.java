package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import java.nio.charset.StandardCharsets;

/** A stream the test feeds by hand. */
public final class PushSource implements ByteSource {
    private Sink sink;
    public boolean cancelled, paused;

    @Override
    public void start(Sink s) { sink = s; }

    public void push(String text) { sink.onData(text.getBytes(StandardCharsets.UTF_8)); }

    public void end() { sink.onEnd(); }

    public boolean started() { return sink != null; }

    @Override
    public void pause() { paused = true; }

    @Override
    public void resume() { paused = false; }

    @Override
    public void cancel() { cancelled = true; }
}
