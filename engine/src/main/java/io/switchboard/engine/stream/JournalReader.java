package io.switchboard.engine.stream;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's view of a journaled stream, from an index on: the events already journaled, then the live
 * tail as it arrives, on the client's own event loop and at its pace. Pausing it pauses the stream's producer
 * (the upstream); cancelling it only detaches this reader: the stream goes on filling the journal so the
 * client can come back.
 */
final class JournalReader implements ByteSource, StreamLog.Listener {
    private static final int BATCH = 64;

    private final StreamLog log;
    private final Vertx vertx;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile int position;
    private Context context;
    private Sink sink;
    private boolean paused;
    private boolean done;

    JournalReader(StreamLog log, int from, Vertx vertx) {
        this.log = log;
        this.position = from;
        this.vertx = vertx;
    }

    @Override
    public void start(Sink sink) {
        Context current = Vertx.currentContext();
        this.context = current != null ? current : vertx.getOrCreateContext();
        this.sink = sink;
        log.addListener(this);
        wake();
    }

    @Override
    public int position() { return position; }

    @Override
    public void wake() {
        if (context != null && scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        while (!done && !paused) {
            StreamLog.Joined batch = log.readJoined(position, BATCH);
            if (batch.expired()) {
                end(new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND,
                        "events of stream " + log.id() + " from " + position + " are no longer kept").withCode("stream_position_expired")));
                return;
            }
            if (batch.count() == 0) {
                if (batch.state() == StreamLog.State.COMPLETE) end(null);
                else if (batch.state() == StreamLog.State.INTERRUPTED) {
                    end(new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "the stream was interrupted")));
                }
                return;
            }
            position = batch.next();
            if (batch.last()) {
                detach();
                sink.onLast(batch.bytes());
                return;
            }
            sink.onData(batch.bytes());
        }
    }

    private void end(Throwable failure) {
        detach();
        if (failure == null) sink.onEnd();
        else sink.onError(failure);
    }

    @Override
    public void pause() {
        if (paused || done) return;
        paused = true;
        log.readerPaused(true);
    }

    @Override
    public void resume() {
        if (!paused || done) return;
        paused = false;
        log.readerPaused(false);
        wake();
    }

    @Override
    public void cancel() {
        if (!done) detach();
    }

    /** This reader is done with the log: it no longer holds the stream's events back nor its producer paused. */
    private void detach() {
        done = true;
        log.removeListener(this);
        if (paused) log.readerPaused(false);
    }
}
