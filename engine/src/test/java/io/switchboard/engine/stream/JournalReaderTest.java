package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a journal reader hands a stream over: data while it is open, the last events and the end together once complete. */
class JournalReaderTest {
    private final Vertx vertx = Vertx.vertx();
    private final TestClock clock = new TestClock();

    @AfterEach
    void close() { vertx.close().toCompletionStage().toCompletableFuture().join(); }

    /** Records each call as "data:N" / "last:N" (N bytes) / "end" / "error", and the bytes in order. */
    static final class Recording implements ByteSource.Sink {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public synchronized void onData(byte[] chunk) { calls.add("data:" + chunk.length); bytes.writeBytes(chunk); }
        @Override public synchronized void onLast(byte[] chunk) { calls.add("last:" + chunk.length); bytes.writeBytes(chunk); }
        @Override public void onEnd() { calls.add("end"); }
        @Override public void onError(Throwable failure) { calls.add("error"); }
    }

    private static byte[] framed(StreamLog log, int from) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        log.read(from, 1000).frames().forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static void awaitCalls(Recording sink, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.calls.size() < n) {
            if (System.nanoTime() > end) throw new AssertionError("calls so far: " + sink.calls);
            Thread.sleep(5);
        }
        Thread.sleep(50); // nothing more may follow
    }

    /** A reader from {@code from}, started on an event loop as the gateway starts one. */
    private Recording readFrom(StreamLog log, int from) {
        Recording sink = new Recording();
        vertx.runOnContext(v -> new JournalReader(log, from, vertx).start(sink));
        return sink;
    }

    private StreamLog log(int events) {
        StreamLog log = new StreamJournal(JournalLimits.DEFAULTS, clock).open("k", WireFormatId.OPENAI_CHAT);
        for (int i = 0; i < events; i++) log.append(SseEvent.data("{\"n\":" + i + "}"), -1);
        return log;
    }

    @Test
    void aCompleteStreamIsHandedOverAsItsLastBytesInOneCall() throws Exception {
        StreamLog log = log(5);
        log.finish(StreamLog.State.COMPLETE);
        Recording sink = readFrom(log, 1);
        awaitCalls(sink, 1);
        assertThat(sink.calls).containsExactly("last:" + framed(log, 1).length);
        assertThat(sink.bytes.toByteArray()).isEqualTo(framed(log, 1));
    }

    @Test
    void anOpenStreamGetsDataThenItsLastEventsWithTheEnd() throws Exception {
        StreamLog log = log(2);
        Recording sink = readFrom(log, 0);
        awaitCalls(sink, 1);
        assertThat(sink.calls).containsExactly("data:" + framed(log, 0).length);

        log.append(SseEvent.data("[DONE]"), -1);
        log.finish(StreamLog.State.COMPLETE);
        awaitCalls(sink, 2);
        assertThat(sink.calls.get(1)).isEqualTo("last:" + SseWriter.encode(SseEvent.data("[DONE]").withId("2")).length);
        assertThat(sink.bytes.toByteArray()).isEqualTo(framed(log, 0));
    }

    @Test
    void aStreamThatEndsAfterEverythingWasReadEndsWithoutData() throws Exception {
        StreamLog log = log(2);
        Recording sink = readFrom(log, 0);
        awaitCalls(sink, 1);
        log.finish(StreamLog.State.COMPLETE);
        awaitCalls(sink, 2);
        assertThat(sink.calls.get(1)).isEqualTo("end");
    }

    @Test
    void anInterruptedStreamEndsInAnErrorNotALastChunk() throws Exception {
        StreamLog log = log(3);
        log.finish(StreamLog.State.INTERRUPTED);
        Recording sink = readFrom(log, 0);
        awaitCalls(sink, 2);
        assertThat(sink.calls).containsExactly("data:" + framed(log, 0).length, "error");
    }
}
