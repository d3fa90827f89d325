package io.switchboard.engine.transport;

import io.switchboard.core.chain.ByteSource;
import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream response body as a {@link ByteSource}. The response must arrive paused; pausing it again
 * when the client's write queue is full stops reading from the upstream socket (HTTP/2 flow control or
 * TCP back-pressure), so a slow client never makes the gateway buffer a whole stream.
 */
final class VertxByteSource implements ByteSource {
    private final HttpClientResponse response;
    private final String provider;
    private boolean finished;

    VertxByteSource(HttpClientResponse response, String provider) {
        this.response = response;
        this.provider = provider;
    }

    @Override
    public void start(Sink sink) {
        response.handler(buffer -> {
            if (!finished) sink.onData(BufferBytes.of(buffer));
        });
        response.exceptionHandler(failure -> {
            if (finished) return;
            finished = true;
            sink.onError(TransportFailures.toProviderException(failure, provider));
        });
        response.endHandler(v -> {
            if (finished) return;
            finished = true;
            sink.onEnd();
        });
        response.resume();
    }

    @Override
    public void pause() { response.pause(); }

    @Override
    public void resume() { response.resume(); }

    @Override
    public void cancel() {
        if (finished) return;
        finished = true;
        // Resets the HTTP/2 stream, or closes the HTTP/1.1 connection: the upstream stops generating.
        response.request().reset();
    }
}
