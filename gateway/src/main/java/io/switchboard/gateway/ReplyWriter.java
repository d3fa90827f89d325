package io.switchboard.gateway;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Reply;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;

/**
 * Writes a {@link Reply} to the client. A stream is copied chunk by chunk with back-pressure: when the
 * client's write queue is full the upstream is paused until it drains, and when the client goes away the
 * upstream is cancelled. An upstream that breaks mid-stream resets the client's stream (HTTP/1.1: closes
 * the connection) so the client sees the truncation instead of a clean end.
 */
final class ReplyWriter {
    /** Framing headers belong to each hop; Vert.x sets its own. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private ReplyWriter() {}

    static void write(HttpServerResponse response, Reply reply) {
        if (response.closed()) {
            if (reply instanceof Reply.Streaming s) s.body().cancel();
            return;
        }
        response.setStatusCode(reply.status());
        reply.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name)) response.putHeader(name, value);
        });
        switch (reply) {
            case Reply.Complete c -> response.end(wrap(c.body()));
            case Reply.Streaming s -> stream(response, s.body());
        }
    }

    private static void stream(HttpServerResponse response, ByteSource source) {
        response.setChunked(true);
        response.closeHandler(v -> source.cancel());
        response.exceptionHandler(e -> source.cancel());
        source.start(new ByteSource.Sink() {
            @Override
            public void onData(byte[] chunk) {
                if (response.closed()) return;
                response.write(wrap(chunk));
                if (response.writeQueueFull()) {
                    source.pause();
                    response.drainHandler(v -> source.resume());
                }
            }

            @Override
            public void onEnd() {
                if (!response.closed()) response.end();
            }

            @Override
            public void onLast(byte[] chunk) {
                if (!response.closed()) response.end(wrap(chunk));
            }

            @Override
            public void onError(Throwable failure) {
                if (!response.closed()) response.reset();
            }
        });
        // The head goes out with the first bytes when the source has them at once (a journaled stream whose
        // upstream already answered: head, events and end in one write), else on its own right after.
        Context context = Vertx.currentContext();
        if (context == null) response.writeHead();
        else context.runOnContext(v -> {
            if (!response.headWritten() && !response.closed()) response.writeHead();
        });
    }

    /** Wrapped, not copied: bytes handed over in a reply or by a source are never written to again (ByteSource.Sink). */
    private static Buffer wrap(byte[] bytes) { return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes)); }
}
