package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Reply;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that stops reading must stop the upstream, and one that goes away must cancel it. */
class ReplyWriterBackpressureTest {
    private static final int CHUNK = 64 * 1024;
    private static final long TOTAL = 64L * 1024 * 1024;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() { vertx.close().toCompletionStage().toCompletableFuture().join(); }

    /** Produces chunks as fast as it is allowed to, like an upstream socket with data waiting. */
    static final class EagerSource implements ByteSource {
        final AtomicLong produced = new AtomicLong();
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile boolean paused;
        private Sink sink;
        private Context context;

        @Override
        public void start(Sink s) {
            sink = s;
            context = Vertx.currentContext();
            pump();
        }

        private void pump() {
            byte[] chunk = new byte[CHUNK];
            while (!paused && !cancelled.get() && produced.get() < TOTAL) {
                sink.onData(chunk);
                produced.addAndGet(CHUNK);
            }
            if (produced.get() >= TOTAL && !cancelled.get()) sink.onEnd();
        }

        @Override
        public void pause() {
            paused = true;
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            paused = false;
            context.runOnContext(v -> pump());
        }

        @Override
        public void cancel() { cancelled.set(true); }
    }

    private int serve(EagerSource source) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> ReplyWriter.write(request.response(),
                new Reply.Streaming(200, Map.of("content-type", "text/event-stream"), source)));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(10);
        }
    }

    /** The value once it stayed the same for half a second (the client reads nothing meanwhile). */
    private static long awaitSettled(AtomicLong value) throws InterruptedException {
        long last = -1;
        for (int stable = 0, polls = 0; stable < 5; polls++) {
            if (polls > 200) throw new AssertionError("the source never stopped producing: " + value.get());
            Thread.sleep(100);
            long now = value.get();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    @Test
    void aClientThatDoesNotReadPausesTheSourceAndReadingResumesIt() throws Exception {
        EagerSource source = new EagerSource();
        int port = serve(source);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(64 * 1024);
            OutputStream out = socket.getOutputStream();
            out.write("GET /stream HTTP/1.1\r\nhost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            awaitTrue(() -> source.pauses.get() > 0);
            // Drains continue until the kernel's socket buffers are full too; then production must stop for good.
            long settled = awaitSettled(source.produced);
            assertThat(settled).isLessThan(TOTAL / 2);

            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            long received = 0;
            for (int n; received < TOTAL && (n = in.read(buffer)) > 0; ) received += n;
            assertThat(received).isGreaterThanOrEqualTo(TOTAL);
            // `received` counts HTTP framing too, so the client can get there while the last chunks are still
            // being produced: wait (bounded) for production to finish instead of racing it.
            awaitTrue(() -> source.produced.get() >= TOTAL);
            assertThat(source.produced.get()).isEqualTo(TOTAL);
            assertThat(source.pauses.get()).isGreaterThan(1);
        }
    }

    @Test
    void aClientThatGoesAwayCancelsTheSource() throws Exception {
        EagerSource source = new EagerSource();
        int port = serve(source);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nhost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            awaitTrue(() -> source.pauses.get() > 0);
        }
        awaitTrue(source.cancelled::get);
        assertThat(source.produced.get()).isLessThan(TOTAL);
    }
}
