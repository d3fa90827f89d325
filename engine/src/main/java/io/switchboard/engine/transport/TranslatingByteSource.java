package io.switchboard.engine.transport;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Re-frames an upstream SSE stream into the client's format as bytes arrive: upstream frames are parsed,
 * decoded into neutral events and encoded in the client's format, chunk by chunk (pause and resume pass
 * straight to the upstream). If the upstream breaks off before its final event, the client gets an error
 * event in its own format and a clean end, which its SDK reports as an error instead of a truncated answer.
 */
final class TranslatingByteSource implements ByteSource {
    private final ByteSource upstream;
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final StringBuilder pending = new StringBuilder();
    private boolean terminal;

    TranslatingByteSource(ByteSource upstream, StreamDecoder decoder, StreamEncoder encoder) {
        this.upstream = upstream;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public void start(Sink sink) {
        SseParser parser = new SseParser(this::translate);
        upstream.start(new Sink() {
            private boolean done;

            @Override
            public void onData(byte[] chunk) {
                if (done) return;
                try {
                    parser.feed(chunk, 0, chunk.length);
                } catch (RuntimeException e) {
                    done = true;
                    upstream.cancel();
                    finish(sink, ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream sent an invalid stream event"));
                    return;
                }
                flush(sink);
            }

            @Override
            public void onEnd() {
                if (done) return;
                done = true;
                parser.end();
                finish(sink, ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream stream ended before completion"));
            }

            @Override
            public void onError(Throwable failure) {
                if (done) return;
                done = true;
                finish(sink, failure instanceof ProviderException pe ? pe.error()
                        : ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream stream failed"));
            }
        });
    }

    private void translate(SseEvent event) {
        if (terminal) return;
        for (StreamEvent neutral : decoder.decode(event)) {
            emit(neutral);
            if (terminal) return;
        }
    }

    private void emit(StreamEvent neutral) {
        if (neutral instanceof StreamEvent.MessageStop || neutral instanceof StreamEvent.Error) terminal = true;
        for (SseEvent out : encoder.encode(neutral)) SseWriter.encode(out, pending);
    }

    /** Ends the client's stream, first reporting {@code error} in its format unless the upstream already finished. */
    private void finish(Sink sink, ProviderError error) {
        if (!terminal) emit(new StreamEvent.Error(error));
        flush(sink);
        sink.onEnd();
    }

    private void flush(Sink sink) {
        if (pending.isEmpty()) return;
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        sink.onData(bytes);
    }

    @Override
    public void pause() { upstream.pause(); }

    @Override
    public void resume() { upstream.resume(); }

    @Override
    public void cancel() { upstream.cancel(); }
}
