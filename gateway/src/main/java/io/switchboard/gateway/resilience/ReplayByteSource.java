package io.switchboard.gateway.resilience;

import io.switchboard.core.chain.ByteSource;
import java.util.Arrays;

/** Plays back a recorded stream in chunks, honouring pause and resume. */
final class ReplayByteSource implements ByteSource {
    private static final int CHUNK = 16 * 1024;

    private final byte[] bytes;
    private Sink sink;
    private int offset;
    private boolean paused, cancelled, delivering, ended;

    ReplayByteSource(byte[] bytes) { this.bytes = bytes; }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
        deliver();
    }

    private void deliver() {
        if (delivering) return; // a pause/resume from inside onData: the running loop continues
        delivering = true;
        try {
            while (!paused && !cancelled && offset < bytes.length) {
                int end = Math.min(bytes.length, offset + CHUNK);
                byte[] chunk = Arrays.copyOfRange(bytes, offset, end);
                offset = end;
                sink.onData(chunk);
            }
            if (!paused && !cancelled && !ended && offset >= bytes.length) {
                ended = true;
                sink.onEnd();
            }
        } finally {
            delivering = false;
        }
    }

    @Override
    public void pause() { paused = true; }

    @Override
    public void resume() {
        paused = false;
        if (sink != null) deliver();
    }

    @Override
    public void cancel() { cancelled = true; }
}
