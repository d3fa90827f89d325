package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import java.nio.charset.StandardCharsets;

/** Collects what a stream delivers. */
public final class CollectingSink implements ByteSource.Sink {
    public final StringBuilder text = new StringBuilder();
    public boolean ended;
    public Throwable error;

    @Override
    public void onData(byte[] chunk) { text.append(new String(chunk, StandardCharsets.UTF_8)); }

    @Override
    public void onEnd() { ended = true; }

    @Override
    public void onError(Throwable failure) { error = failure; }
}
