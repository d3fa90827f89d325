package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable journal: streams survive eviction from memory and a restart, and expire like in memory. */
class SqliteStreamStoreTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final JournalLimits limits = new JournalLimits(2, 1 << 20, 64 * 1024, Duration.ofMinutes(10));

    private static SseEvent event(int i) {
        return SseEvent.of("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":" + i + "}");
    }

    @Test
    void aStreamOutlivesItsEvictionAndARestart() {
        String finishedId, openId;
        List<byte[]> frames;
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
             StreamJournal journal = new StreamJournal(limits, clock, SqliteStreamStore.open(dir, clock), reads)) {
            StreamLog finished = journal.open("alice", WireFormatId.OPENAI_RESPONSES);
            journal.bindResponse(finished, "resp_1");
            for (int i = 0; i < 5; i++) finished.append(event(i), i);
            finished.finish(StreamLog.State.COMPLETE);
            frames = finished.read(0, 100).frames();
            finishedId = finished.id();
            StreamLog open = journal.open("alice", WireFormatId.OPENAI_CHAT);
            open.append(SseEvent.data("{}"), -1);
            openId = open.id();
            // A third stream pushes the finished one out of memory; the store still has it.
            clock.advance(Duration.ofSeconds(1));
            journal.open("bob", WireFormatId.OPENAI_CHAT);
            assertThat(journal.get(finishedId)).isEmpty();
            StreamLog back = journal.find(finishedId).toCompletableFuture().join().orElseThrow();
            assertThat(back.read(0, 100).frames()).containsExactlyElementsOf(frames);
            assertThat(back.state()).isEqualTo(StreamLog.State.COMPLETE);
            assertThat(back.ownedBy("alice")).isTrue();
            assertThat(back.indexAfterSequence(2)).isEqualTo(3);
        }
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
             StreamJournal restarted = new StreamJournal(limits, clock, SqliteStreamStore.open(dir, clock), reads)) {
            Optional<StreamLog> byResponse = restarted.findByResponse("resp_1").toCompletableFuture().join();
            assertThat(byResponse).get().extracting(StreamLog::id).isEqualTo(finishedId);
            assertThat(byResponse.get().read(0, 100).frames()).containsExactlyElementsOf(frames);
            StreamLog wasOpen = restarted.find(openId).toCompletableFuture().join().orElseThrow();
            assertThat(wasOpen.state()).as("its producer died with the process").isEqualTo(StreamLog.State.INTERRUPTED);
            assertThat(wasOpen.endIndex()).isEqualTo(1);
            assertThat(restarted.find("str_missing").toCompletableFuture().join()).isEmpty();

            clock.advance(Duration.ofMinutes(11));
            restarted.sweep();
            restarted.open("x", WireFormatId.OPENAI_CHAT); // a later write waits behind the expiry
            assertThat(restarted.find(finishedId).toCompletableFuture().join()).isEmpty();
        }
    }
}
