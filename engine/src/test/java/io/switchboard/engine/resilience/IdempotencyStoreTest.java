package io.switchboard.engine.resilience;

import io.switchboard.engine.resilience.IdempotencyClaim.Completed;
import io.switchboard.engine.resilience.IdempotencyClaim.Conflict;
import io.switchboard.engine.resilience.IdempotencyClaim.InFlight;
import io.switchboard.engine.resilience.IdempotencyClaim.Leader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyStoreTest {
    private static final String BODY = RequestFingerprint.of("{\"model\":\"gpt-4o\"}".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_BODY = RequestFingerprint.of("{\"model\":\"gpt-5\"}".getBytes(StandardCharsets.UTF_8));

    private final FakeTicker ticker = new FakeTicker();
    private final IdempotencyStore<String> store = new IdempotencyStore<>(
            IdempotencyConfig.builder().ttl(Duration.ofMinutes(10)).maxEntries(3).build(), ticker);

    private IdempotencyLeader<String> lead(String key) {
        IdempotencyClaim<String> claim = store.claim(key, BODY);
        assertThat(claim).isInstanceOf(Leader.class);
        return ((Leader<String>) claim).leader();
    }

    @Test
    void duplicateWhileRunningGetsTheLeadersResult() throws Exception {
        IdempotencyLeader<String> leader = lead("k1");
        IdempotencyClaim<String> dup = store.claim("k1", BODY);
        assertThat(dup).isInstanceOf(InFlight.class);
        CompletableFuture<String> result = ((InFlight<String>) dup).result();
        assertThat(result).isNotDone();
        leader.complete("answer");
        assertThat(result.get(1, TimeUnit.SECONDS)).isEqualTo("answer");
    }

    @Test
    void duplicateAfterCompletionGetsTheStoredResultUntilTheTtl() {
        lead("k1").complete("answer");
        ticker.advance(Duration.ofMinutes(9));
        assertThat(store.claim("k1", BODY)).isEqualTo(new Completed<>("answer"));
        ticker.advance(Duration.ofMinutes(1));
        assertThat(store.claim("k1", BODY)).isInstanceOf(Leader.class);
    }

    @Test
    void sameKeyWithDifferentBodyIsAConflict() {
        IdempotencyLeader<String> leader = lead("k1");
        assertThat(store.claim("k1", OTHER_BODY)).isEqualTo(new Conflict<>("k1"));
        leader.complete("answer");
        assertThat(store.claim("k1", OTHER_BODY)).isEqualTo(new Conflict<>("k1"));
    }

    @Test
    void abandoningFreesTheKeyAndFailsWaiters() {
        IdempotencyLeader<String> leader = lead("k1");
        CompletableFuture<String> waiter = ((InFlight<String>) store.claim("k1", BODY)).result();
        leader.abandon(new IllegalStateException("upstream down"));
        assertThatThrownBy(() -> waiter.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("upstream down");
        assertThat(store.claim("k1", BODY)).isInstanceOf(Leader.class);
    }

    @Test
    void onlyTheFirstReportCounts() {
        IdempotencyLeader<String> leader = lead("k1");
        leader.complete("first");
        leader.complete("second");
        leader.abandon(new RuntimeException("late"));
        assertThat(store.claim("k1", BODY)).isEqualTo(new Completed<>("first"));
    }

    @Test
    void duplicatesCannotCompleteTheSharedFuture() throws Exception {
        IdempotencyLeader<String> leader = lead("k1");
        CompletableFuture<String> rogue = ((InFlight<String>) store.claim("k1", BODY)).result();
        CompletableFuture<String> honest = ((InFlight<String>) store.claim("k1", BODY)).result();
        rogue.complete("forged");
        leader.complete("real");
        assertThat(honest.get(1, TimeUnit.SECONDS)).isEqualTo("real");
    }

    @Test
    void sizeIsBoundedByDroppingOldestCompletedEntries() {
        lead("a").complete("A");
        IdempotencyLeader<String> running = lead("b");
        lead("c").complete("C");
        lead("d").complete("D");
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.claim("a", BODY)).isInstanceOf(Leader.class); // "a" was dropped; claiming it re-adds it
        assertThat(store.claim("b", BODY)).isInstanceOf(InFlight.class); // running entries are never dropped
        running.complete("B");
        assertThat(store.claim("b", BODY)).isEqualTo(new Completed<>("B"));
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void fiftyConcurrentDuplicatesMakeExactlyOneLeader() throws Exception {
        IdempotencyStore<String> shared = new IdempotencyStore<>(IdempotencyConfig.defaults(), ticker);
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IdempotencyClaim<String>>> claims = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                return shared.claim("same-key", BODY);
            }));
        }
        start.countDown();
        List<IdempotencyClaim<String>> results = new ArrayList<>();
        for (Future<IdempotencyClaim<String>> f : claims) results.add(f.get(10, TimeUnit.SECONDS));
        pool.shutdown();

        List<Leader<String>> leaders = results.stream().filter(c -> c instanceof Leader).map(c -> (Leader<String>) c).toList();
        assertThat(leaders).hasSize(1);
        leaders.getFirst().leader().complete("once");
        for (IdempotencyClaim<String> c : results) {
            if (c instanceof InFlight<String> inFlight) assertThat(inFlight.result().get(1, TimeUnit.SECONDS)).isEqualTo("once");
            else assertThat(c).isInstanceOf(Leader.class);
        }
    }

    @Test
    void fingerprintIsSha256Hex() {
        assertThat(RequestFingerprint.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(BODY).isNotEqualTo(OTHER_BODY);
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> IdempotencyConfig.builder().maxEntries(0)).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> IdempotencyConfig.builder().ttl(Duration.ZERO)).hasMessageContaining("ttl");
    }
}
