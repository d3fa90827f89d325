package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.wire.SseEvent;
import io.switchboard.engine.stream.JournalLimits;
import io.switchboard.engine.stream.RecoverySettings;
import io.switchboard.engine.stream.StreamRecoveryMetrics;
import io.switchboard.engine.stream.StreamResumeService;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.simulator.LatencyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The chaos test of issue 5: 1,000 streams, 48 at a time, over the six client-format/upstream combinations.
 * Every upstream stream is broken by the simulator at a random event (a connection cut, or a stall past the
 * idle timeout); about a third of the clients also hang up at a random event and resume with
 * {@code Last-Event-ID} (or, for Responses, {@code starting_after}). Every client must end with byte-exactly
 * the text of a clean run, its events numbered without a gap or a repeat, and the usage of a clean run.
 */
class StreamChaosTest {
    private static final int STREAMS = 1_000;
    private static final int CONCURRENCY = 48;
    private static final int PROMPTS = 8;

    record Kind(String path, String template, boolean stalls) {
        String body(int prompt) { return template.replace("%P", "topic number " + prompt); }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"%P\"}]}", true),
            new Kind("/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1024,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"%P\"}]}", true),
            new Kind("/v1/responses", "{\"model\":\"gpt-4.1-mini\",\"stream\":true,\"input\":\"%P\"}", false),
            new Kind("/v1/chat/completions", "{\"model\":\"claude-haiku-4-5\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"%P\"}]}", true),
            new Kind("/v1/responses", "{\"model\":\"claude-haiku-4-5\",\"stream\":true,\"input\":\"%P\"}", true),
            new Kind("/v1/messages", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":1024,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"%P\"}]}", true));

    record Clean(String text, List<Long> usage, int events) {}

    @Test
    void aThousandBrokenStreamsAllEndWithTheTextOfACleanRun() throws Exception {
        // Upstream: first token after 5 ms, then 1,000 tokens/s. The gateway treats 500 ms of silence mid-stream as a
        // stall; the idle timeout is generous because this machine is shared and a first byte can be late under load.
        StreamsConfig streams = new StreamsConfig(JournalLimits.DEFAULTS, false, new RecoverySettings(true, 3, true, Duration.ofMillis(500)));
        try (StreamFixture fixture = new StreamFixture(new LatencyModel(Duration.ofMillis(5), 1_000), 5_000, streams, null);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Clean> clean = new ConcurrentHashMap<>();
            for (int k = 0; k < KINDS.size(); k++) {
                for (int p = 0; p < PROMPTS; p++) {
                    SseClient.Result r = post(fixture, KINDS.get(k), p, -1);
                    clean.put(k + "/" + p, new Clean(SseClient.text(r.events()), UpstreamRecoveryTest.usage(r.events()), r.events().size()));
                }
            }
            StreamRecoveryMetrics.Snapshot before = fixture.engine.streams().metrics().snapshot();
            Semaphore slots = new Semaphore(CONCURRENCY);
            AtomicLong duplicated = new AtomicLong(), missing = new AtomicLong(), cuts = new AtomicLong(), stalls = new AtomicLong(),
                    resumes = new AtomicLong();
            Histogram resumeFirstEvent = new Histogram(60_000_000_000L, 3);
            List<Future<String>> outcomes = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < STREAMS; i++) {
                SplittableRandom random = new SplittableRandom(i * 7919L + 17);
                int kindIndex = random.nextInt(KINDS.size());
                int prompt = random.nextInt(PROMPTS);
                slots.acquire();
                outcomes.add(pool.submit(() -> {
                    try {
                        Kind kind = KINDS.get(kindIndex);
                        Clean expected = clean.get(kindIndex + "/" + prompt);
                        boolean stall = kind.stalls() && random.nextInt(4) == 0;
                        String fault = stall ? "idle_ms:2000" : "cut_after:" + (1 + random.nextInt(expected.events() - 1));
                        (stall ? stalls : cuts).incrementAndGet();
                        int hangUpAfter = random.nextInt(3) == 0 ? 1 + random.nextInt(expected.events() - 1) : -1;
                        List<SseEvent> got = new ArrayList<>();
                        SseClient.Result first = post(fixture, kind, prompt, hangUpAfter, "x-sim-fault", fault);
                        got.addAll(first.events());
                        if (hangUpAfter > 0) {
                            if (random.nextBoolean()) Thread.sleep(random.nextInt(40));
                            long t0 = System.nanoTime();
                            SseClient.Result rest = resume(fixture, kind, first, random.nextBoolean());
                            synchronized (resumeFirstEvent) {
                                resumeFirstEvent.recordValue(System.nanoTime() - t0);
                            }
                            resumes.incrementAndGet();
                            got.addAll(rest.events());
                        }
                        String text = SseClient.text(got);
                        int dup = countDuplicatedIds(got);
                        duplicated.addAndGet(Math.max(0, text.length() - expected.text().length()) + dup);
                        missing.addAndGet(Math.max(0, expected.text().length() - text.length()));
                        if (!text.equals(expected.text())) return "stream " + kindIndex + "/" + prompt + " " + fault + " hangUp " + hangUpAfter
                                + ": text differs:\n  got      " + text + "\n  expected " + expected.text();
                        if (dup > 0 || !contiguousIds(got)) return "stream " + kindIndex + " ids not contiguous: " + got.stream().map(SseEvent::id).toList();
                        if (!UpstreamRecoveryTest.usage(got).equals(expected.usage())) {
                            return "stream " + kindIndex + " usage " + UpstreamRecoveryTest.usage(got) + " != " + expected.usage();
                        }
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : outcomes) if (f.get() != null) failures.add(f.get());
            double seconds = (System.nanoTime() - started) / 1e9;
            StreamRecoveryMetrics.Snapshot after = fixture.engine.streams().metrics().snapshot();
            String report = String.format("""
                    stream chaos: %d streams (%d cut, %d stalled, %d client hang-ups resumed), %d at a time, %.1f s
                      byte-exact: %d of %d; duplicated chars %d, missing chars %d
                      upstream recoveries: %d (of %d breaks), follow-up requests %d, failed %d, deduplicated %d bytes
                      upstream recovery time: p50 %.1f ms, p99 %.1f ms, max %.1f ms (break noticed -> first continued event)
                      gap seen by the client: p50 %.1f ms, p99 %.1f ms (last byte -> first continued event; stalls include the 500 ms stall timeout)
                      client resume, request -> all events: p50 %.1f ms, p99 %.1f ms
                    """, STREAMS, cuts.get(), stalls.get(), resumes.get(), CONCURRENCY, seconds,
                    STREAMS - failures.size(), STREAMS, duplicated.get(), missing.get(),
                    after.recovered() - before.recovered(), after.breaks() - before.breaks(), after.attempts() - before.attempts(),
                    after.failed() - before.failed(), after.dedupedBytes() - before.dedupedBytes(),
                    after.recoveryP50Ms(), after.recoveryP99Ms(), after.recoveryMaxMs(), after.gapP50Ms(), after.gapP99Ms(),
                    resumeFirstEvent.getValueAtPercentile(50) / 1e6, resumeFirstEvent.getValueAtPercentile(99) / 1e6);
            System.out.println(report);
            writeReport(report);
            assertThat(failures).as(report).isEmpty();
            assertThat(duplicated.get()).isZero();
            assertThat(missing.get()).isZero();
            assertThat(after.failed() - before.failed()).isZero();
            assertThat(after.recovered() - before.recovered()).isGreaterThan(STREAMS * 8L / 10);
        }
    }

    private static SseClient.Result post(StreamFixture fixture, Kind kind, int prompt, int hangUpAfter, String... extra) {
        List<String> headers = new ArrayList<>(List.of("authorization", "Bearer " + StreamFixture.ALICE, "x-api-key", StreamFixture.ALICE,
                "anthropic-version", "2023-06-01"));
        headers.addAll(List.of(extra));
        SseClient.Result r = SseClient.post(fixture.baseUrl() + kind.path(), kind.body(prompt), hangUpAfter, headers.toArray(String[]::new));
        assertThat(r.status()).as(kind.path() + " " + extra.length + " " + List.of(extra) + ": " + r.body()).isEqualTo(200);
        return r;
    }

    /** Resumes after the last event {@code first} received, by stream id or (Responses) by sequence number. */
    private static SseClient.Result resume(StreamFixture fixture, Kind kind, SseClient.Result first, boolean byResponseId) {
        SseEvent last = first.events().getLast();
        if (byResponseId && kind.path().equals("/v1/responses")) {
            String responseId = SseClient.json(first.events().getFirst().data()).path("response").path("id").asText();
            long seq = SseClient.json(last.data()).path("sequence_number").asLong();
            return SseClient.get(fixture.baseUrl() + "/v1/responses/" + responseId + "?stream=true&starting_after=" + seq,
                    "authorization", "Bearer " + StreamFixture.ALICE);
        }
        return SseClient.get(fixture.baseUrl() + "/v1/streams/" + first.header(StreamResumeService.STREAM_ID_HEADER),
                "authorization", "Bearer " + StreamFixture.ALICE, "last-event-id", last.id());
    }

    private static int countDuplicatedIds(List<SseEvent> events) {
        return (int) (events.size() - events.stream().map(SseEvent::id).distinct().count());
    }

    private static boolean contiguousIds(List<SseEvent> events) {
        for (int i = 0; i < events.size(); i++) if (!Integer.toString(i).equals(events.get(i).id())) return false;
        return true;
    }

    private static void writeReport(String report) {
        try {
            Files.writeString(Path.of("target", "stream-chaos-report.txt"), report);
        } catch (IOException e) {
            // The report is also on stdout.
        }
    }
}
