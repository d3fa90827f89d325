package io.switchboard.gateway.resilience;

import io.switchboard.core.chain.ByteSource;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Passes a stream through to the client while keeping a copy, so the idempotency store can replay it: the
 * copy goes to {@code onComplete} when the stream ends cleanly; {@code onFailure} runs if it breaks or the
 * client cancels (nothing replayable then).
 */
final class RecordingByteSource implements ByteSource {
    private final ByteSource source;
    private final Consumer<byte[]> onComplete;
    private final Runnable onFailure;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean finished;

    RecordingByteSource(ByteSource source, Consumer<byte[]> onComplete, Runnable onFailure) {
        this.source = source;
        this.onComplete = onComplete;
        this.onFailure = onFailure;
    }

    @Override
    public void start(Sink sink) {
        source.start(new Sink() {
            @Override
            public void onData(byte[] chunk) {
                copy.writeBytes(chunk);
                sink.onData(chunk);
            }

            @Override
            public void onEnd() {
                if (finish()) onComplete.accept(copy.toByteArray());
                sink.onEnd();
            }

            @Override
            public void onError(Throwable failure) {
                if (finish()) onFailure.run();
                sink.onError(failure);
            }
        });
    }

    private synchronized boolean finish() {
        if (finished) return false;
        finished = true;
        return true;
    }

    @Override
    public void pause() { source.pause(); }

    @Override
    public void resume() { source.resume(); }

    @Override
    public void cancel() {
        if (finish()) onFailure.run();
        source.cancel();
    }
}
