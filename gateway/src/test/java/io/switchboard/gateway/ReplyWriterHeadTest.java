package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Reply;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the head of a streamed reply goes out: with the first bytes if the source has them at once, else at once on its own. */
class ReplyWriterHeadTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() { vertx.close().toCompletionStage().toCompletableFuture().join(); }

    private int serve(Supplier<ByteSource> sources) {
        return vertx.createHttpServer().requestHandler(request -> ReplyWriter.write(request.response(),
                        new Reply.Streaming(200, Map.of("content-type", "text/event-stream"), sources.get())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    /** A source that says nothing until told to, then sends one event and ends. */
    static final class SilentSource implements ByteSource {
        final CompletableFuture<Sink> started = new CompletableFuture<>();
        volatile io.vertx.core.Context context;

        @Override
        public void start(Sink sink) {
            context = Vertx.currentContext();
            started.complete(sink);
        }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void cancel() { }
    }

    /** A source with everything at hand, handing it over as a journal reader does: on the next turn of the loop, as its last. */
    static final class ReadySource implements ByteSource {
        @Override
        public void start(Sink sink) {
            Vertx.currentContext().runOnContext(v -> sink.onLast("data: one\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
        }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void cancel() { }
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.UTF_8).contains(end)) {
            int b = in.read();
            if (b < 0) throw new AssertionError("connection closed after: " + got.toString(StandardCharsets.UTF_8));
            got.write(b);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHeadGoesOutAtOnceWhenTheSourceHasNothingYet() throws Exception {
        SilentSource source = new SilentSource();
        int port = serve(() -> source);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /s HTTP/1.1\r\nhost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(socket.getInputStream(), "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").contains("content-type: text/event-stream");
            ByteSource.Sink sink = source.started.getNow(null);
            assertThat(sink).as("the source was started and has sent nothing").isNotNull();
            source.context.runOnContext(v -> sink.onLast("data: late\n\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(readUntil(socket.getInputStream(), "0\r\n\r\n")).contains("data: late");
        }
    }

    @Test
    void aSourceWithEverythingAtHandGetsWholeRepliesOnAConnectionThatStaysUsable() throws Exception {
        int port = serve(ReadySource::new);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write("GET /s HTTP/1.1\r\nhost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String reply = readUntil(socket.getInputStream(), "\r\n0\r\n\r\n");
                assertThat(reply).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked")
                        .contains("data: one\n\ndata: [DONE]\n\n");
            }
        }
    }
}
