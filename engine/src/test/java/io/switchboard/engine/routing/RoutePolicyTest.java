package io.switchboard.engine.routing;

import static io.switchboard.engine.policy.ScriptedTransport.ok;
import static io.switchboard.engine.policy.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.engine.policy.ChainHarness;
import io.switchboard.engine.policy.ScriptedTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Priorities, weights, fallback triggers, context-length fallback, the spill cap and the retry signal. */
class RoutePolicyTest {
    private static final String A = "openai/gpt-4o-mini", B = "openai/gpt-4o", C = "anthropic/claude-haiku-4-5";

    private static ChainHarness harness(String routeKeys, String targets) {
        return new ChainHarness("""
                routes:
                  r:
                %s
                    targets:
                %s
                """.formatted(routeKeys.indent(4).stripTrailing(), targets.indent(6).stripTrailing()), 42);
    }

    private static final String THREE = """
            - { provider: openai,    model: gpt-4o-mini,      priority: 1, weight: 3 }
            - { provider: openai,    model: gpt-4o,           priority: 1, weight: 1 }
            - { provider: anthropic, model: claude-haiku-4-5, priority: 2 }""";

    @Test
    void theTopPriorityServesAndItsWeightsShareTheTraffic() {
        ChainHarness h = harness("tier: standard", THREE);
        for (int i = 0; i < 400; i++) assertThat(h.run("r").status()).isEqualTo(200);
        assertThat(h.transport.callsTo(A)).isBetween(260L, 340L);
        assertThat(h.transport.callsTo(B)).isBetween(60L, 140L);
        assertThat(h.transport.callsTo(C)).isZero();
    }

    @Test
    void aFailureMovesToTheNextTargetAndTheReplySaysWhichServed() {
        ChainHarness h = harness("tier: standard", THREE);
        h.transport.on(A, c -> status(503)).on(B, c -> status(529, ErrorKind.OVERLOADED, Map.of()));
        Reply r = h.run("r");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("x-switchboard-target", C).containsEntry("x-switchboard-attempts", "3")
                .doesNotContainKey("x-should-retry");
    }

    @Test
    void fallbackTriggersAreConfigurable() {
        ChainHarness h = harness("fallback_on: [timeout, connection]", THREE);
        h.transport.on(A, c -> status(503)).on(B, c -> status(503));
        Reply r = h.run("r");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers()).containsEntry("x-switchboard-attempts", "1");

        h.transport.on(A, c -> ScriptedTransport.failure(ErrorKind.TIMEOUT)).on(B, c -> ok(c));
        Reply timedOut = h.run("r");
        assertThat(timedOut.status()).isEqualTo(200);
        assertThat(timedOut.headers()).containsEntry("x-switchboard-attempts", "2");
    }

    @Test
    void clientErrorsDoNotFallBack() {
        ChainHarness h = harness("tier: standard", THREE);
        for (int code : new int[] {400, 401, 403, 404, 422}) {
            h.transport.on(A, c -> status(code)).on(B, c -> status(code));
            Reply r = h.run("r");
            assertThat(r.status()).isEqualTo(code);
            assertThat(r.headers()).containsEntry("x-switchboard-attempts", "1");
        }
        assertThat(h.transport.callsTo(C)).isZero();
    }

    @Test
    void aContextLengthErrorFallsBackOnlyToALargerWindowAndOnlyWhenAllowed() {
        String targets = """
                - { provider: openai,    model: gpt-4o-mini,      context_window: 8000 }
                - { provider: openai,    model: gpt-4o,           context_window: 8000 }
                - { provider: anthropic, model: claude-haiku-4-5, context_window: 200000 }""";
        ChainHarness allowed = harness("context_fallback: true", targets);
        allowed.transport.on(A, c -> status(400, ErrorKind.CONTEXT_LENGTH_EXCEEDED, Map.of()));
        Reply r = allowed.run("r");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("x-switchboard-target", C);
        assertThat(allowed.transport.callsTo(B)).as("same window: not tried").isZero();

        ChainHarness notAllowed = harness("tier: standard", targets);
        notAllowed.transport.on(A, c -> status(400, ErrorKind.CONTEXT_LENGTH_EXCEEDED, Map.of()));
        assertThat(notAllowed.run("r").status()).isEqualTo(400);
    }

    @Test
    void theSpillCapBoundsTrafficMovedBelowTheTopPriority() {
        ChainHarness h = harness("max_spill: 0.2\nmin_spill_per_second: 0\nspill_window: 10s", """
                - { provider: openai,    model: gpt-4o-mini, priority: 1 }
                - { provider: anthropic, model: claude-haiku-4-5, priority: 2 }""");
        h.transport.on(A, c -> status(503));
        int served = 0;
        for (int i = 0; i < 100; i++) if (h.run("r").status() == 200) served++;
        assertThat(served).as("20 %% of 100 requests").isEqualTo(20);
        assertThat(h.transport.callsTo(C)).isEqualTo(20);
    }

    @Test
    void anErrorAfterSeveralAttemptsTellsSdksNotToRetry() {
        ChainHarness h = harness("tier: standard", THREE);
        h.transport.on(A, c -> status(503)).on(B, c -> status(503)).on(C, c -> status(529, ErrorKind.OVERLOADED, Map.of()));
        Reply r = h.run("r");
        assertThat(r.status()).isEqualTo(529);
        assertThat(r.headers()).containsEntry("x-should-retry", "false").containsEntry("x-switchboard-attempts", "3");

        h.transport.on(A, c -> status(503));
        Reply single = h.run("gpt-4o-mini");
        assertThat(single.headers()).containsEntry("x-switchboard-attempts", "1").doesNotContainKey("x-should-retry");
    }

    @Test
    void retriesOnTheLastTargetWaitWithJitterAndStayWithinTheRetryBudget() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    retries: { max: 2, base: 500ms, cap: 4s, min_attempt: 100ms }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                resilience:
                  targets:
                    default:
                      breaker: { enabled: false }
                      retry_budget: { ratio: 0.1, min_per_second: 0, window: 1m }
                """, 7);
        for (int i = 0; i < 50; i++) assertThat(h.run("r").status()).isEqualTo(200);
        h.transport.on(A, c -> status(503));

        CompletableFuture<Reply> first = h.start(h.call("r"));
        assertThat(first).as("waiting for the first retry").isNotDone();
        assertThat(h.time.pending()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(500)));
        h.time.advance(h.time.pending().getFirst());
        assertThat(h.time.pending()).as("the second retry's full-jitter ceiling doubles").singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
        h.time.advance(Duration.ofSeconds(10));
        assertThat(first.join().headers()).containsEntry("x-switchboard-attempts", "3").containsEntry("x-should-retry", "false");

        for (int i = 0; i < 49; i++) {
            CompletableFuture<Reply> f = h.start(h.call("r"));
            h.time.advance(Duration.ofSeconds(10));
            assertThat(f).isDone();
        }
        long failingCalls = h.transport.callsTo(A) - 50;
        assertThat(failingCalls).as("50 failing requests; retries capped at 10 %% of the 100 requests in the window")
                .isBetween(53L, 60L);
    }

    @Test
    void theServersRetryAfterIsHonoured() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    retries: { max: 1, min_attempt: 100ms }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                """, 7);
        h.transport.on(A, c -> status(429, ErrorKind.RATE_LIMITED, Map.of("retry-after-ms", "1500")));
        CompletableFuture<Reply> f = h.start(h.call("r"));
        assertThat(h.time.pending()).containsExactly(Duration.ofMillis(1500));
        h.time.advance(Duration.ofMillis(1499));
        assertThat(h.transport.callsTo(A)).isEqualTo(1);
        h.time.advance(Duration.ofMillis(1));
        assertThat(h.transport.callsTo(A)).isEqualTo(2);
        assertThat(f).isDone();
    }

    @Test
    void anAttemptThatCannotFinishBeforeTheDeadlineIsNotStarted() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    tier: quick
                    retries: { min_attempt: 1s }
                    targets:
                      - { provider: openai,    model: gpt-4o-mini }
                      - { provider: anthropic, model: claude-haiku-4-5 }
                resilience:
                  tiers:
                    quick: { connect: 1s, first_byte: 1500ms, idle: 1s, total: 2s }
                """, 1);
        h.transport.on(A, c -> h.transport.hang());
        CompletableFuture<Reply> f = h.start(h.call("r"));
        h.time.advance(Duration.ofMillis(1500));
        assertThat(f).isDone();
        assertThat(f.join().status()).isEqualTo(504);
        assertThat(h.transport.callsTo(C)).as("0.5 s left is less than min_attempt").isZero();
        assertThat(h.transport.hanging()).singleElement().satisfies(x -> assertThat(x).isCancelled());
    }

    @Test
    void aBurningErrorBudgetStopsRetriesShedsLowPriorityAndMovesToAFasterTier() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    tier: long
                    faster_tier: interactive
                    retries: { max: 2, min_attempt: 10ms, base: 10ms, cap: 10ms }
                    slo:
                      availability: 0.9
                      short_window: 1s
                      long_window: 10s
                      min_events: 5
                      on_burn: { stop_retries: 1, shed_low_priority: 2, faster_tier: 3 }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                resilience:
                  targets:
                    default:
                      breaker: { enabled: false }
                      retry_budget: { ratio: 1, min_per_second: 100 }
                """, 3);
        h.transport.on(A, c -> status(503));
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Reply> f = h.start(h.call("r"));
            h.time.advance(Duration.ofMillis(50));
            assertThat(f).isDone();
        }
        assertThat(h.transport.callsTo(A)).as("retries allowed while the budget was fine").isEqualTo(15);

        Reply low = h.start(h.call("r", Map.of("x-switchboard-priority", "low"))).join();
        assertThat(low.status()).isEqualTo(503);
        assertThat(new String(((Reply.Complete) low).body())).contains("load_shed");
        assertThat(h.transport.callsTo(A)).isEqualTo(15);

        CompletableFuture<Reply> normal = h.start(h.call("r"));
        assertThat(normal).as("no retry timer: retries are off").isDone();
        assertThat(h.transport.callsTo(A)).isEqualTo(16);
        assertThat(h.transport.calls().getLast().header("x-switchboard-tier")).isEqualTo("interactive");
    }
}
