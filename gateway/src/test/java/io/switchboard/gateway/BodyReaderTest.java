package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request bodies arrive whole, whether in one piece, in several, chunked or not; too large ones are refused. */
class BodyReaderTest {
    private static final int MAX = 200_000;
    private static Vertx vertx;
    private static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        // Answers with the length and digest of the body it read, or 413 when refused.
        HttpServer server = vertx.createHttpServer().requestHandler(request -> BodyReader.read(request, MAX).onComplete(body -> {
            if (body.failed()) request.response().setStatusCode(413).end("refused");
            else request.response().end(body.result().length + " " + digest(body.result()));
        }));
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    @AfterAll
    static void stop() { vertx.close().toCompletionStage().toCompletableFuture().join(); }

    @Test
    void aBodyInOnePieceArrivesWhole() throws Exception {
        byte[] body = randomBytes(1_000, 1);
        assertThat(send(withLength(body), body, 1)).isEqualTo(expected(body));
    }

    @Test
    void anEmptyBodyIsEmpty() throws Exception {
        assertThat(send(withLength(new byte[0]), new byte[0], 1)).isEqualTo("0 " + digest(new byte[0]));
    }

    @Test
    void aDeclaredBodySentInPiecesArrivesWhole() throws Exception {
        byte[] body = randomBytes(150_000, 2);
        assertThat(send(withLength(body), body, 9)).isEqualTo(expected(body));
    }

    @Test
    void aChunkedBodyArrivesWholeWhateverItsChunks() throws Exception {
        // Every HTTP chunk reaches the reader as a piece of its own, so this joins dozens of them.
        Random random = new Random(3);
        for (int round = 0; round < 5; round++) {
            byte[] body = randomBytes(1 + random.nextInt(120_000), round);
            assertThat(send(chunkedHead(), chunked(body, random), 3)).as("round %d", round).isEqualTo(expected(body));
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefused() throws Exception {
        byte[] body = randomBytes(MAX + 1, 4);
        assertThat(send(chunkedHead(), chunked(body, new Random(5)), 3)).isEqualTo("refused");
    }

    private static String expected(byte[] body) { return body.length + " " + digest(body); }

    private static String withLength(byte[] body) {
        return "POST /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
    }

    private static String chunkedHead() {
        return "POST /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    private static byte[] chunked(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; ) {
            int n = Math.min(body.length - at, 1 + random.nextInt(4_000));
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Sends the head, then the rest in {@code pieces} writes, and returns the answer's body. */
    private static String send(String head, byte[] rest, int pieces) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int step = Math.max(1, (rest.length + pieces - 1) / pieces);
            for (int at = 0; at < rest.length; at += step) {
                out.write(rest, at, Math.min(step, rest.length - at));
                out.flush();
                Thread.sleep(5); // lets the server read each piece on its own (the result must not depend on it)
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int blank = answer.indexOf("\r\n\r\n");
            String payload = answer.substring(blank + 4);
            // The answer may itself be chunked: keep its single chunk's text.
            if (answer.substring(0, blank).toLowerCase().contains("transfer-encoding: chunked")) {
                payload = payload.substring(payload.indexOf("\r\n") + 2, payload.indexOf("\r\n0\r\n"));
            }
            return payload;
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String digest(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
