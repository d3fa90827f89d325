package io.switchboard.bench;

import io.switchboard.core.sse.SseParser;
import io.switchboard.core.sse.SseWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Framing an upstream OpenAI Chat stream: 19 {@code chat.completion.chunk} events and the {@code [DONE]}
 * sentinel, fed to a fresh {@link SseParser} in 1 KiB slices as network reads deliver them (slices cut
 * frames at arbitrary bytes). The result is the number of events dispatched. The journal pair compares the two
 * ways the stream journal can frame each event with its {@code id:} line: decode it and encode it again, or put
 * the line in front of the frame as it came ({@link SseParser#frames}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseParserBenchmark {
    private static final int EVENTS = 20;
    private static final int SLICE = 1024;
    private static final String[] WORDS = {"Your", " order", " is", " still", " being", " packed", " because",
        " one", " of", " the", " paperbacks", " arrived", " late", ";", " it", " ships", " tomorrow", "."};

    private byte[] stream;
    private int dispatched;

    @Setup
    public void buildStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < EVENTS - 1; i++) {
            String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"\"}"
                    : "{\"content\":\"" + WORDS[(i - 1) % WORDS.length] + "\"}";
            String finish = i == EVENTS - 2 ? "\"stop\"" : "null";
            out.writeBytes(("data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                    + "\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_f9f4fb6dbf\","
                    + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish
                    + "}]}\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        stream = out.toByteArray();
        if (parse() != EVENTS) throw new IllegalStateException("the sample stream does not hold " + EVENTS + " events");
    }

    @Benchmark
    public int parseChatStreamIn1KiBSlices() { return parse(); }

    @Benchmark
    public long journalFramesByDecodingAndEncoding() {
        long[] bytes = {0};
        int[] id = {0};
        feed(new SseParser(event -> bytes[0] += SseWriter.encode(event.withId(Integer.toString(id[0]++))).length));
        return bytes[0];
    }

    @Benchmark
    public long journalFramesAsTheyCame() {
        long[] bytes = {0};
        int[] id = {0};
        feed(SseParser.frames(frame -> bytes[0] += (frame.canonical()
                ? SseWriter.withId(id[0]++, frame.bytes(), 0, frame.length())
                : SseWriter.encode(frame.event().withId(Integer.toString(id[0]++)))).length));
        return bytes[0];
    }

    private void feed(SseParser parser) {
        for (int off = 0; off < stream.length; off += SLICE) {
            parser.feed(stream, off, Math.min(SLICE, stream.length - off));
        }
        parser.end();
    }

    private int parse() {
        dispatched = 0;
        SseParser parser = new SseParser(event -> dispatched++);
        for (int off = 0; off < stream.length; off += SLICE) {
            parser.feed(stream, off, Math.min(SLICE, stream.length - off));
        }
        parser.end();
        return dispatched;
    }
}
