package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Holds a streamed reply back until its first body chunk arrives, so an upstream that sends its headers and
 * then nothing can still be abandoned for a fallback: nothing has reached the client yet. Once the first
 * chunk (or an empty stream's end) is in, {@code onOpen} receives this source, which replays what was
 * buffered and then passes the rest through with back-pressure. A failure before the first chunk goes to
 * {@code onFailure} instead, and the stream is never handed on.
 */
final class FirstChunkGate implements ByteSource {
    private final ByteSource upstream;
    private final Consumer<ByteSource> onOpen;
    private final Consumer<Throwable> onFailure;
    private final ArrayDeque<byte[]> buffered = new ArrayDeque<>();
    private Sink downstream;
    private boolean opened, paused, cancelled, ended, draining;
    private Throwable error;

    private FirstChunkGate(ByteSource upstream, Consumer<ByteSource> onOpen, Consumer<Throwable> onFailure) {
        this.upstream = upstream;
        this.onOpen = onOpen;
        this.onFailure = onFailure;
    }

    /** Starts {@code upstream} now and reports its opening or its early failure. */
    static FirstChunkGate open(ByteSource upstream, Consumer<ByteSource> onOpen, Consumer<Throwable> onFailure) {
        FirstChunkGate gate = new FirstChunkGate(upstream, onOpen, onFailure);
        upstream.start(new Sink() {
            @Override
            public void onData(byte[] chunk) { gate.arrived(chunk); }

            @Override
            public void onEnd() { gate.terminal(null); }

            @Override
            public void onError(Throwable failure) { gate.terminal(failure); }
        });
        return gate;
    }

    private void arrived(byte[] chunk) {
        boolean first;
        synchronized (this) {
            if (cancelled) return;
            buffered.add(chunk);
            first = !opened;
            opened = true;
            if (first || downstream == null) upstream.pause();
        }
        if (first) onOpen.accept(this);
        else drain();
    }

    private void terminal(Throwable failure) {
        boolean early;
        synchronized (this) {
            if (cancelled) return;
            early = !opened;
            opened = true;
            ended = failure == null;
            error = failure;
        }
        if (early && failure != null) onFailure.accept(failure);
        else if (early) onOpen.accept(this);
        else drain();
    }

    @Override
    public void start(Sink sink) {
        synchronized (this) {
            downstream = sink;
        }
        drain();
    }

    /** Delivers buffered chunks, then the end or the error, then lets the upstream flow. */
    private void drain() {
        while (true) {
            byte[] next;
            Sink sink;
            boolean end = false;
            Throwable failure = null;
            synchronized (this) {
                if (downstream == null || paused || cancelled || draining) return;
                sink = downstream;
                next = buffered.poll();
                if (next == null) {
                    if (ended || error != null) {
                        end = ended;
                        failure = error;
                        ended = false;
                        error = null;
                        cancelled = true; // terminal delivered: nothing more to do
                    } else {
                        upstream.resume();
                        return;
                    }
                }
                draining = true;
            }
            try {
                if (next != null) sink.onData(next);
                else if (end) sink.onEnd();
                else sink.onError(failure);
            } finally {
                synchronized (this) {
                    draining = false;
                }
            }
            if (next == null) return;
        }
    }

    @Override
    public void pause() {
        synchronized (this) {
            paused = true;
        }
        upstream.pause();
    }

    @Override
    public void resume() {
        synchronized (this) {
            paused = false;
        }
        drain();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            buffered.clear();
        }
        upstream.cancel();
    }
}
