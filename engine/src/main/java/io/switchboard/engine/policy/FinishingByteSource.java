package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs a hook exactly once when a stream ends, fails or is cancelled (a bulkhead slot held for its life). */
final class FinishingByteSource implements ByteSource {
    private final ByteSource source;
    private final Runnable onFinish;
    private final AtomicBoolean finished = new AtomicBoolean();

    FinishingByteSource(ByteSource source, Runnable onFinish) {
        this.source = source;
        this.onFinish = onFinish;
    }

    @Override
    public void start(Sink sink) {
        source.start(new Sink() {
            @Override
            public void onData(byte[] chunk) { sink.onData(chunk); }

            @Override
            public void onEnd() {
                finish();
                sink.onEnd();
            }

            @Override
            public void onError(Throwable failure) {
                finish();
                sink.onError(failure);
            }
        });
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) onFinish.run();
    }

    @Override
    public void pause() { source.pause(); }

    @Override
    public void resume() { source.resume(); }

    @Override
    public void cancel() {
        finish();
        source.cancel();
    }
}
