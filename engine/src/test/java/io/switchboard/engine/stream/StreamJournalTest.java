package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.sse.SseParser;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamJournalTest {
    private final TestClock clock = new TestClock();

    private static SseEvent delta(int i) {
        return SseEvent.of("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":" + i + ",\"delta\":\"word" + i + " \"}");
    }

    private static List<SseEvent> parse(List<byte[]> frames) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        for (byte[] f : frames) parser.feed(f, 0, f.length);
        return out;
    }

    /** A reader that has read everything before {@code position}. */
    private static StreamLog.Listener readerAt(int position) {
        return new StreamLog.Listener() {
            @Override public void wake() { }
            @Override public int position() { return position; }
        };
    }

    /** At most two streams and 64 KiB: small enough to evict and to write its ring over within a test. */
    private StreamJournal twoStreamJournal() {
        return new StreamJournal(new JournalLimits(2, 64 * 1024, 16 * 1024, Duration.ofMinutes(1)), clock);
    }

    /** An open stream of {@code events} deltas with a reader that has read everything before {@code readerPosition}. */
    private static StreamLog watchedStream(StreamJournal journal, int events, int readerPosition) {
        StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        for (int i = 0; i < events; i++) log.append(delta(i), i);
        log.addListener(readerAt(readerPosition));
        return log;
    }

    /** 200 finished streams of 60 events of 200 bytes: well over the ring of a journal with a 64 KiB budget. */
    private void finishStreamsWorthMoreThanTheRing(StreamJournal journal) {
        for (int s = 0; s < 200; s++) {
            clock.advance(Duration.ofMillis(1));
            StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
            for (int i = 0; i < 60; i++) log.append(SseEvent.data("x".repeat(200)), -1);
            log.finish(StreamLog.State.COMPLETE);
        }
    }

    @Test
    void eventsAreFramedWithTheirIndexAndReadFromAnyPoint() {
        StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, clock);
        StreamLog log = journal.open("key-1", WireFormatId.OPENAI_RESPONSES);
        for (int i = 0; i < 10; i++) assertThat(log.append(delta(i), i)).isEqualTo(i);

        assertThat(log.id()).matches("str_[0-9a-f]{32}");
        List<SseEvent> all = parse(log.read(0, 100).frames());
        assertThat(all).hasSize(10);
        for (int i = 0; i < 10; i++) assertThat(all.get(i)).isEqualTo(delta(i).withId(Integer.toString(i)));
        StreamLog.Batch tail = log.read(7, 100);
        assertThat(parse(tail.frames())).extracting(SseEvent::id).containsExactly("7", "8", "9");
        assertThat(tail.next()).isEqualTo(10);
        assertThat(tail.state()).isEqualTo(StreamLog.State.OPEN);
        assertThat(log.indexAfterSequence(4)).isEqualTo(5);
        assertThat(log.indexAfterSequence(-1)).isZero();
        assertThat(log.indexAfterSequence(99)).isEqualTo(10);

        log.finish(StreamLog.State.COMPLETE);
        assertThat(log.read(10, 5).state()).isEqualTo(StreamLog.State.COMPLETE);
        assertThatThrownBy(() -> log.append(delta(10), 10)).isInstanceOf(IllegalStateException.class);
        assertThat(log.ownedBy("key-1")).isTrue();
        assertThat(log.ownedBy("key-2")).isFalse();
    }

    @Test
    void oneStreamKeepsAtMostItsShareAndDropsItsOldestEvents() {
        JournalLimits limits = new JournalLimits(100, 1 << 20, 4096, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        for (int i = 0; i < 1_000; i++) {
            log.append(delta(i), i);
            assertThat(log.retainedBytes()).isLessThanOrEqualTo(limits.maxStreamBytes());
        }
        assertThat(log.firstIndex()).isPositive();
        assertThat(log.endIndex()).isEqualTo(1_000);
        assertThat(log.read(0, 10).expired()).isTrue();
        assertThat(parse(log.read(999, 10).frames())).extracting(SseEvent::id).containsExactly("999");
        assertThat(journal.retainedBytes()).isEqualTo(log.retainedBytes() + JournalLimits.STREAM_OVERHEAD_BYTES);
    }

    @Test
    void allStreamsTogetherStayUnderTheByteBudgetFinishedOnesGoingFirst() {
        JournalLimits limits = new JournalLimits(10_000, 64 * 1024, 8 * 1024, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        StreamLog open = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        open.append(delta(0), 0);
        long slack = StreamLog.cost(("id: 99999\n" + "event: response.output_text.delta\ndata: " + delta(99999).data() + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        for (int s = 0; s < 500; s++) {
            clock.advance(Duration.ofMillis(1));
            StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
            for (int i = 0; i < 20; i++) log.append(delta(i), i);
            log.finish(StreamLog.State.COMPLETE);
            assertThat(journal.retainedBytes()).isLessThanOrEqualTo(limits.maxBytes() + slack + JournalLimits.STREAM_OVERHEAD_BYTES);
        }
        assertThat(journal.size()).isLessThan(500);
        assertThat(journal.get(open.id())).as("the open stream outlives finished ones").isPresent();
        assertThat(open.read(0, 1).expired()).isFalse();
    }

    @Test
    void theStreamCountIsBoundedAndAnEvictedOpenStreamStillServesItsReader() {
        JournalLimits limits = new JournalLimits(3, 1 << 20, 64 * 1024, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        StreamLog first = journal.open("k", WireFormatId.OPENAI_CHAT);
        first.append(SseEvent.data("a"), -1);
        StreamLog.Listener reader = readerAt(1);
        first.addListener(reader);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            journal.open("k", WireFormatId.OPENAI_CHAT);
        }
        // Past the count a tenth of it (at least one stream, the oldest) goes at once, so full journals do not sort per open.
        assertThat(journal.size()).isEqualTo(2);
        assertThat(journal.get(first.id())).isEmpty();
        // No longer resumable, but its reader (at index 1) still gets what comes next, and nothing older is kept.
        first.append(SseEvent.data("b"), -1);
        assertThat(parse(first.read(1, 10).frames())).extracting(SseEvent::data).containsExactly("b");
        assertThat(first.read(0, 10).expired()).isTrue();
        first.removeListener(reader);
        assertThat(first.retainedBytes()).isZero();
    }

    @Test
    void overTheCountFinishedStreamsLeaveInTheOrderTheyFinishedBeforeAnyOpenOne() {
        JournalLimits limits = new JournalLimits(10, 1 << 20, 64 * 1024, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        List<StreamLog> logs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMillis(1));
            logs.add(journal.open("k", WireFormatId.OPENAI_CHAT));
        }
        // Opened 0..9; finished in the order 7, 2, 5 (the oldest, 0, stays open).
        for (int i : new int[] {7, 2, 5}) {
            clock.advance(Duration.ofMillis(1));
            logs.get(i).finish(StreamLog.State.COMPLETE);
        }
        journal.open("k", WireFormatId.OPENAI_CHAT); // 11 > 10: down to 9, the first two to finish go
        assertThat(journal.get(logs.get(7).id())).isEmpty();
        assertThat(journal.get(logs.get(2).id())).isEmpty();
        assertThat(journal.get(logs.get(5).id())).isPresent();
        assertThat(journal.get(logs.get(0).id())).isPresent();
        journal.open("k", WireFormatId.OPENAI_CHAT);
        journal.open("k", WireFormatId.OPENAI_CHAT); // 11 again: 5, then (no finished one left) the oldest open, 0
        assertThat(journal.get(logs.get(5).id())).isEmpty();
        assertThat(journal.get(logs.get(0).id())).isEmpty();
        assertThat(journal.get(logs.get(1).id())).isPresent();
        assertThat(journal.size()).isEqualTo(9);
    }

    @Test
    void anExpiredFinishedStreamIsNotEvictedAgainNorCountedTwice() {
        JournalLimits limits = new JournalLimits(3, 1 << 20, 64 * 1024, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        StreamLog old = journal.open("k", WireFormatId.OPENAI_CHAT);
        old.finish(StreamLog.State.COMPLETE);
        clock.advance(Duration.ofMinutes(2));
        journal.sweep(); // expires it
        assertThat(journal.size()).isZero();
        StreamLog a = journal.open("k", WireFormatId.OPENAI_CHAT);
        a.finish(StreamLog.State.COMPLETE);
        clock.advance(Duration.ofMillis(1));
        StreamLog b = journal.open("k", WireFormatId.OPENAI_CHAT);
        clock.advance(Duration.ofMillis(1));
        StreamLog c = journal.open("k", WireFormatId.OPENAI_CHAT);
        clock.advance(Duration.ofMillis(1));
        StreamLog d = journal.open("k", WireFormatId.OPENAI_CHAT); // 4 > 3: down to 2, a then the oldest open, b
        assertThat(journal.get(a.id())).isEmpty();
        assertThat(journal.get(b.id())).isEmpty();
        assertThat(journal.get(c.id())).isPresent();
        assertThat(journal.get(d.id())).isPresent();
        assertThat(journal.retainedBytes()).isEqualTo(2L * JournalLimits.STREAM_OVERHEAD_BYTES);
    }

    @Test
    void everyFinishedStreamStillHeldReadsBackWholeWhileTheRingGoesRoundManyTimes() {
        JournalLimits limits = new JournalLimits(10_000, 64 * 1024, 8 * 1024, Duration.ofMinutes(1));
        StreamJournal journal = new StreamJournal(limits, clock);
        List<StreamLog> all = new ArrayList<>();
        for (int s = 0; s < 2_000; s++) { // about 3.5 MB of frames through a ring of 1 MiB and the budget
            clock.advance(Duration.ofMillis(1));
            StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
            for (int i = 0; i < 20; i++) log.append(delta(s * 100 + i), i);
            log.finish(StreamLog.State.COMPLETE);
            all.add(log);
        }
        int held = 0;
        for (StreamLog log : all) {
            if (journal.get(log.id()).isEmpty()) continue;
            held++;
            StreamLog.Batch batch = log.read(0, 100);
            assertThat(batch.expired()).isFalse();
            List<SseEvent> events = parse(batch.frames());
            assertThat(events).hasSize(20);
            int s = all.indexOf(log);
            assertThat(events.get(19).data()).isEqualTo(delta(s * 100 + 19).data());
        }
        assertThat(held).isGreaterThan(10); // the byte budget holds about 17 such streams
    }

    @Test
    void anEvictedFinishedStreamKeepsWhatItsReaderNeedsAfterTheRingHasGoneRound() {
        StreamJournal journal = twoStreamJournal();
        StreamLog watched = watchedStream(journal, 20, 5);
        watched.finish(StreamLog.State.COMPLETE);
        finishStreamsWorthMoreThanTheRing(journal); // evicts it (count), then writes over where it was
        assertThat(journal.get(watched.id())).isEmpty();
        assertThat(parse(watched.read(5, 100).frames())).extracting(SseEvent::id)
                .containsExactly("5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
        assertThat(watched.read(0, 1).expired()).isTrue();
    }

    @Test
    void aStreamEvictedWhileOpenKeepsItsFramesOffTheRingWhenItFinishes() {
        StreamJournal journal = twoStreamJournal();
        StreamLog first = watchedStream(journal, 10, 3);
        clock.advance(Duration.ofMillis(1));
        journal.open("k", WireFormatId.OPENAI_RESPONSES);
        clock.advance(Duration.ofMillis(1));
        journal.open("k", WireFormatId.OPENAI_RESPONSES); // 3 > 2: the oldest open stream, first, is evicted
        assertThat(journal.get(first.id())).isEmpty();
        first.finish(StreamLog.State.COMPLETE);
        finishStreamsWorthMoreThanTheRing(journal);
        assertThat(parse(first.read(3, 100).frames())).extracting(SseEvent::id)
                .containsExactly("3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void streamsExpireTheirTimeToLiveAfterTheirLastEvent() {
        JournalLimits limits = new JournalLimits(100, 1 << 20, 64 * 1024, Duration.ofMinutes(10));
        StreamJournal journal = new StreamJournal(limits, clock);
        StreamLog log = journal.open("k", WireFormatId.OPENAI_CHAT);
        log.append(SseEvent.data("x"), -1);
        clock.advance(Duration.ofMinutes(9));
        log.append(SseEvent.data("y"), -1);
        log.finish(StreamLog.State.COMPLETE);
        clock.advance(Duration.ofMinutes(9));
        journal.sweep();
        assertThat(journal.get(log.id())).isPresent();
        clock.advance(Duration.ofMinutes(2));
        journal.sweep();
        assertThat(journal.get(log.id())).isEmpty();
        assertThat(journal.retainedBytes()).isZero();
    }

    @Test
    void responsesIdsFindTheirStream() {
        StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, clock);
        StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        journal.bindResponse(log, "resp_123");
        assertThat(journal.findByResponse("resp_123").toCompletableFuture().join()).contains(log);
        assertThat(journal.findByResponse("resp_999").toCompletableFuture().join()).isEmpty();
    }

    @Test
    void theHeapHoldsNoMoreThanTheBudgetWhateverFlowsThrough() {
        JournalLimits limits = new JournalLimits(100_000, 8L << 20, 64 * 1024, Duration.ofMinutes(10));
        StreamJournal journal = new StreamJournal(limits, clock);
        long before = usedHeapAfterGc();
        long flowed = 0;
        for (int s = 0; s < 30_000; s++) {
            StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
            for (int i = 0; i < 50; i++) {
                log.append(delta(i), i);
                flowed += delta(i).data().length();
            }
            log.finish(StreamLog.State.COMPLETE);
        }
        long held = usedHeapAfterGc() - before;
        System.out.printf("journal: %d MiB flowed through, %d KiB counted, %d KiB of heap held, %d streams kept%n",
                flowed >> 20, journal.retainedBytes() >> 10, held >> 10, journal.size());
        assertThat(flowed).isGreaterThan(100L << 20);
        assertThat(journal.retainedBytes()).isLessThanOrEqualTo(limits.maxBytes() + 64 * 1024);
        // What the journal counts is what it holds: the heap grew by about the budget, not by what flowed through.
        assertThat(held).as("heap held after %d MiB flowed through", flowed >> 20).isLessThan(3 * limits.maxBytes());
        assertThat(journal.size()).isLessThan(30_000);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void theSequenceNumberIsReadWithoutParsingTheEvent() {
        assertThat(StreamRecorder.sequenceNumber("{\"type\":\"x\",\"sequence_number\":42,\"delta\":\"a\"}")).isEqualTo(42);
        assertThat(StreamRecorder.sequenceNumber("{\"sequence_number\": 7}")).isEqualTo(7);
        assertThat(StreamRecorder.sequenceNumber("{\"type\":\"x\"}")).isEqualTo(-1);
    }

    @Test
    void aFinishedStreamNoLongerKeepsItsProducerReachable() throws InterruptedException {
        StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, clock);
        StreamLog log = journal.open("k", WireFormatId.OPENAI_CHAT);
        java.lang.ref.WeakReference<StreamLog.FlowControl> producer = attachProducer(log);
        log.append(SseEvent.data("a"), -1);
        log.finish(StreamLog.State.COMPLETE);
        // The log stays resumable (and in the journal) for minutes; what produced it must be collectable now.
        for (int i = 0; i < 20 && producer.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(journal.get(log.id())).isPresent();
        assertThat(producer.get()).as("the producer was released").isNull();
    }

    private static java.lang.ref.WeakReference<StreamLog.FlowControl> attachProducer(StreamLog log) {
        StreamLog.FlowControl producer = new StreamLog.FlowControl() {
            final byte[] heavy = new byte[1 << 20];
            @Override public void pauseProducer() { }
            @Override public void resumeProducer() { }
        };
        log.flowControl(producer);
        return new java.lang.ref.WeakReference<>(producer);
    }

    @Test
    void aFramedEventIsJournaledAsTheSameBytesAsTheEvent() {
        StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, clock);
        StreamLog byEvent = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        StreamLog byFrame = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        for (int i = 0; i < 12; i++) {
            byte[] framed = SseWriter.encode(delta(i));
            byte[] padded = new byte[framed.length + 4];
            System.arraycopy(framed, 0, padded, 2, framed.length);
            assertThat(byFrame.appendFramed(padded, 2, framed.length, i)).isEqualTo(byEvent.append(delta(i), i));
        }
        assertThat(byFrame.read(0, 100).frames()).containsExactlyElementsOf(byEvent.read(0, 100).frames());
        assertThat(byFrame.retainedBytes()).isEqualTo(byEvent.retainedBytes());
        assertThat(byFrame.indexAfterSequence(5)).isEqualTo(6);
    }

    @Test
    void aJoinedReadIsTheFramesBackToBackWhileOpenInTheRingAndPacked() {
        StreamJournal journal = new StreamJournal(JournalLimits.DEFAULTS, clock);
        StreamLog log = journal.open("k", WireFormatId.OPENAI_RESPONSES);
        for (int i = 0; i < 10; i++) log.append(delta(i), i);
        assertJoinedReadsMatch(log, 0);
        log.finish(StreamLog.State.COMPLETE);
        assertJoinedReadsMatch(log, 0);

        List<byte[]> frames = log.read(0, 100).frames();
        StreamLog packed = StreamLog.restored("str_x", "k", WireFormatId.OPENAI_RESPONSES, null, clock, 5, frames, new long[frames.size()],
                StreamLog.State.COMPLETE);
        assertJoinedReadsMatch(packed, 5);
        assertThat(packed.readJoined(4, 10).expired()).isTrue();
    }

    private static void assertJoinedReadsMatch(StreamLog log, int first) {
        for (int from = first; from <= first + 11; from++) {
            for (int max : new int[] {0, 1, 3, 64}) {
                StreamLog.Batch batch = log.read(from, max);
                StreamLog.Joined joined = log.readJoined(from, max);
                java.io.ByteArrayOutputStream concat = new java.io.ByteArrayOutputStream();
                batch.frames().forEach(concat::writeBytes);
                assertThat(joined.bytes()).as("from %d, max %d", from, max).isEqualTo(concat.toByteArray());
                assertThat(joined.count()).isEqualTo(batch.frames().size());
                assertThat(joined.next()).isEqualTo(batch.next());
                assertThat(joined.state()).isEqualTo(batch.state());
                assertThat(joined.expired()).isEqualTo(batch.expired());
            }
        }
    }
}
