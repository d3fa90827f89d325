package io.switchboard.simulator;

import io.switchboard.simulator.openai.BackgroundResponse;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs background responses: releases each one's events on the latency schedule (generation goes on whether
 * or not anyone listens), and streams them to readers from a sequence number on, backlog first, then live.
 */
final class BackgroundStreams {
    private final Vertx vertx;
    private final LongSupplier ticker;

    BackgroundStreams(Vertx vertx, LongSupplier ticker) {
        this.vertx = vertx;
        this.ticker = ticker;
    }

    /** Starts releasing {@code response}'s events; with no latency all are released before this returns. */
    void play(BackgroundResponse response, LatencyModel latency) {
        long[] due = FrameSchedule.due(response.frames(), latency, -1, 0);
        if (FrameSchedule.immediate(due)) {
            response.releaseUpTo(due.length);
            return;
        }
        long start = ticker.getAsLong();
        release(response, due, start);
    }

    private void release(BackgroundResponse response, long[] due, long start) {
        if (response.isDone()) return;
        long elapsed = ticker.getAsLong() - start;
        int upTo = 0;
        while (upTo < due.length && due[upTo] <= elapsed) upTo++;
        response.releaseUpTo(upTo);
        if (upTo == due.length) return;
        long waitMs = Math.max(1, (due[upTo] - elapsed + 999_999) / 1_000_000);
        vertx.setTimer(waitMs, id -> release(response, due, start));
    }

    /**
     * Streams the events after {@code startingAfter} (-1 for all) to {@code ex}; a {@code cut_after} fault drops
     * the connection after that many frames, which is how tests exercise resuming.
     */
    void follow(Exchange ex, BackgroundResponse response, int startingAfter, Fault fault) {
        ex.head(200, "text/event-stream; charset=utf-8", ReplySender.streamHeaders(Map.of()));
        Context context = vertx.getOrCreateContext();
        int cut = fault instanceof Fault.CutAfter c ? c.frames() : -1;
        if (cut == 0) {
            ex.abort();
            return;
        }
        BackgroundResponse.Listener listener = new BackgroundResponse.Listener() {
            private int written;

            @Override
            public void frame(io.switchboard.simulator.SimReply.Frame frame) {
                context.runOnContext(v -> {
                    if (ex.gone() || (cut >= 0 && written >= cut)) return;
                    var write = ex.response.write(Buffer.buffer(frame.text()));
                    if (++written == cut) {
                        response.unsubscribe(this);
                        write.onComplete(done -> ex.abort());
                    }
                });
            }

            @Override
            public void end() {
                context.runOnContext(v -> {
                    if (!ex.gone() && (cut < 0 || written < cut)) ex.response.end();
                });
            }
        };
        ex.response.closeHandler(v -> response.unsubscribe(listener));
        response.subscribe(startingAfter, listener);
    }
}
