package io.switchboard.bench;

import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.WireFormats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-token cost of translating a stream: one Anthropic {@code content_block_delta} event into the
 * OpenAI Chat chunk bytes sent to the client. The codecs are per stream, so one decoder/encoder pair is
 * opened in setup (message and text block already started) and every invocation is a further delta.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamTranslationBenchmark {
    private static final SseEvent MESSAGE_START = SseEvent.of("message_start", """
            {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",\
            "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,\
            "usage":{"input_tokens":212,"output_tokens":1}}}""");
    private static final SseEvent BLOCK_START = SseEvent.of("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    private static final SseEvent TEXT_DELTA = SseEvent.of("content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" the parcel is\"}}");

    private StreamDecoder decoder;
    private StreamEncoder encoder;

    @Setup
    public void openStream() {
        decoder = WireFormats.of(WireFormatId.ANTHROPIC_MESSAGES).newStreamDecoder();
        encoder = WireFormats.of(WireFormatId.OPENAI_CHAT).newStreamEncoder();
        translate(MESSAGE_START, bytes -> { });
        translate(BLOCK_START, bytes -> { });
        int[] chunks = new int[1];
        translate(TEXT_DELTA, bytes -> chunks[0]++);
        if (chunks[0] != 1) throw new IllegalStateException("expected one chunk per text delta, got " + chunks[0]);
    }

    @Benchmark
    public void contentBlockDeltaToChatChunk(Blackhole out) {
        translate(TEXT_DELTA, out::consume);
    }

    private void translate(SseEvent upstream, ChunkSink sink) {
        for (StreamEvent event : decoder.decode(upstream)) {
            for (SseEvent frame : encoder.encode(event)) sink.accept(SseWriter.encode(frame));
        }
    }

    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] chunk);
    }
}
