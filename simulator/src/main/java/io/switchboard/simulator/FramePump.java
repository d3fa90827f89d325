package io.switchboard.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Writes stream frames on their schedule with event-loop timers: each wake-up writes every frame already
 * due in one buffer, then sleeps until the next is due. Stops quietly when the client goes away; with a cut,
 * drops the connection after that many frames instead of finishing.
 */
final class FramePump {
    private final Vertx vertx;
    private final Exchange exchange;
    private final List<SimReply.Frame> frames;
    private final long[] due;
    private final int cutAfter;
    private final LongSupplier ticker;
    private long startNanos;
    private int next;
    private long timer = -1;

    /** @param cutAfter frames to send before dropping the connection, or -1 to finish normally */
    FramePump(Vertx vertx, Exchange exchange, List<SimReply.Frame> frames, long[] due, int cutAfter, LongSupplier ticker) {
        this.vertx = vertx;
        this.exchange = exchange;
        this.frames = frames;
        this.due = due;
        this.cutAfter = cutAfter < 0 ? -1 : Math.min(cutAfter, frames.size());
        this.ticker = ticker;
    }

    void start() {
        startNanos = ticker.getAsLong();
        exchange.response.closeHandler(v -> cancel());
        pump();
    }

    private void pump() {
        timer = -1;
        if (exchange.gone()) return;
        long elapsed = ticker.getAsLong() - startNanos;
        int limit = cutAfter >= 0 ? cutAfter : frames.size();
        Buffer batch = null;
        while (next < limit && due[next] <= elapsed) {
            if (batch == null) batch = Buffer.buffer();
            batch.appendString(frames.get(next++).text());
        }
        Future<Void> written = batch != null ? exchange.response.write(batch) : Future.succeededFuture();
        if (next == limit) {
            // Drop only once the frames are on the wire, or an HTTP/2 reset would discard them with the stream.
            if (cutAfter >= 0) written.onComplete(done -> exchange.abort());
            else exchange.response.end();
            return;
        }
        long waitMs = Math.max(1, (due[next] - elapsed + 999_999) / 1_000_000);
        timer = vertx.setTimer(waitMs, id -> pump());
    }

    private void cancel() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
    }
}
