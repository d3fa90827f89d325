package io.switchboard.engine.policy;

import static io.switchboard.engine.policy.ScriptedTransport.ok;
import static io.switchboard.engine.policy.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.resilience.BreakerState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Breaker, bulkhead and token buckets on the request path, on a manual clock. */
class TargetAdmissionPolicyTest {
    private static final String A = "openai/gpt-4o-mini", C = "anthropic/claude-haiku-4-5";
    private static final Target PRIMARY = new Target("openai", "gpt-4o-mini");

    private static String body(Reply r) { return new String(((Reply.Complete) r).body(), StandardCharsets.UTF_8); }

    @Test
    void theBreakerOpensRefusesLetsProbesThroughAndCloses() {
        ChainHarness h = new ChainHarness("""
                resilience:
                  targets:
                    openai/gpt-4o-mini:
                      breaker: { window_calls: 10, min_calls: 4, failure_rate: 50, open_for: 30s, probes: 2 }
                """, 1);
        h.transport.on(A, c -> status(503));
        for (int i = 0; i < 4; i++) assertThat(h.run("gpt-4o-mini").status()).isEqualTo(503);
        assertThat(h.runtime.guards(PRIMARY).breaker().state()).isEqualTo(BreakerState.OPEN);

        Reply refused = h.run("gpt-4o-mini");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(body(refused)).contains("circuit_open");
        assertThat(refused.headers()).containsEntry("x-switchboard-attempts", "0");
        assertThat(h.transport.callsTo(A)).as("an open breaker spares the target").isEqualTo(4);

        h.time.advance(Duration.ofSeconds(29));
        assertThat(h.run("gpt-4o-mini").status()).as("still open before the wait is over").isEqualTo(503);
        assertThat(h.transport.callsTo(A)).isEqualTo(4);
        h.time.advance(Duration.ofMillis(1001)); // resilience4j opens the half-open door strictly after the wait
        h.transport.on(A, ScriptedTransport::ok);
        assertThat(h.run("gpt-4o-mini").status()).isEqualTo(200);
        assertThat(h.runtime.guards(PRIMARY).breaker().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(h.run("gpt-4o-mini").status()).isEqualTo(200);
        assertThat(h.runtime.guards(PRIMARY).breaker().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(h.runtime.transitions()).extracting(t -> t.from() + "->" + t.to())
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void anOpenBreakerSendsTheRouteStraightToTheNextTarget() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    targets:
                      - { provider: openai,    model: gpt-4o-mini }
                      - { provider: anthropic, model: claude-haiku-4-5 }
                resilience:
                  targets:
                    default:
                      breaker: { window_calls: 10, min_calls: 2, failure_rate: 50, open_for: 30s }
                """, 1);
        h.transport.on(A, c -> status(503));
        for (int i = 0; i < 2; i++) assertThat(h.run("r").headers()).containsEntry("x-switchboard-attempts", "2");
        Reply r = h.run("r");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("x-switchboard-target", C).containsEntry("x-switchboard-attempts", "1");
        assertThat(h.transport.callsTo(A)).isEqualTo(2);
    }

    @Test
    void theBulkheadCapsConcurrentAttemptsAndFreesSlotsWhenTheyEnd() {
        ChainHarness h = new ChainHarness("""
                resilience:
                  targets:
                    default: { max_concurrent: 2, breaker: { enabled: false } }
                """, 1);
        h.transport.on(A, c -> h.transport.hang());
        CompletableFuture<Reply> first = h.start(h.call("gpt-4o-mini"));
        CompletableFuture<Reply> second = h.start(h.call("gpt-4o-mini"));
        Reply third = h.start(h.call("gpt-4o-mini")).join();
        assertThat(third.status()).isEqualTo(503);
        assertThat(body(third)).contains("target_busy");

        h.transport.hanging().getFirst().complete(ok(h.call("gpt-4o-mini").withTarget(PRIMARY)).toCompletableFuture().join());
        assertThat(first.join().status()).isEqualTo(200);
        assertThat(second).isNotDone();
        assertThat(h.start(h.call("gpt-4o-mini"))).as("a slot is free again").isNotDone();
        assertThat(h.transport.callsTo(A)).isEqualTo(3);
    }

    @Test
    void anEmptyBucketWaitsOnATimerWithinTheDeadline() {
        ChainHarness h = new ChainHarness("""
                resilience:
                  targets:
                    default:
                      rate_limit: { requests_per_minute: 60, on_limit: wait, max_wait: 5s }
                """, 1);
        for (int i = 0; i < 60; i++) assertThat(h.run("gpt-4o-mini").status()).isEqualTo(200);
        CompletableFuture<Reply> waiting = h.start(h.call("gpt-4o-mini"));
        assertThat(waiting).isNotDone();
        assertThat(h.time.pending().getFirst()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000));
        h.time.advance(Duration.ofSeconds(1));
        assertThat(waiting).isDone();
        assertThat(waiting.join().status()).isEqualTo(200);
        assertThat(h.transport.callsTo(A)).isEqualTo(61);
    }

    @Test
    void anEmptyBucketFallsBackWhenConfiguredOrAnswers429() {
        ChainHarness h = new ChainHarness("""
                routes:
                  r:
                    targets:
                      - { provider: openai,    model: gpt-4o-mini }
                      - { provider: anthropic, model: claude-haiku-4-5 }
                resilience:
                  targets:
                    openai:
                      rate_limit: { requests_per_minute: 2, on_limit: fallback }
                """, 1);
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) served.add(h.run("r").headers().get("x-switchboard-target"));
        assertThat(served).containsExactly(A, A, C, C);

        Reply alone = h.run("gpt-4o-mini");
        assertThat(alone.status()).isEqualTo(429);
        assertThat(body(alone)).contains("local_rate_limited");
        assertThat(alone.headers()).containsKey("retry-after");
    }

    @Test
    void theProvidersRemainingHeaderSlowsTheGatewayDownBeforeItRefuses() {
        ChainHarness h = new ChainHarness("""
                resilience:
                  targets:
                    default:
                      rate_limit: { requests_per_minute: 600, on_limit: fallback }
                """, 1);
        h.transport.on(A, c -> CompletableFuture.completedFuture(new Reply.Complete(200,
                Map.of("x-ratelimit-remaining-requests", "0"), "{}".getBytes(StandardCharsets.UTF_8), null)));
        assertThat(h.run("gpt-4o-mini").status()).isEqualTo(200);
        assertThat(h.run("gpt-4o-mini").status()).as("the provider said no requests remain").isEqualTo(429);
        assertThat(h.transport.callsTo(A)).isEqualTo(1);
    }

    @Test
    void theTokenBucketIsCorrectedWithTheReportedUsage() {
        ChainHarness h = new ChainHarness("""
                resilience:
                  targets:
                    default:
                      rate_limit: { tokens_per_minute: 100000 }
                """, 1);
        assertThat(h.run("gpt-4o-mini").status()).isEqualTo(200);
        // The estimate (about a quarter of the body's bytes plus max_tokens 100) was replaced by the 10 tokens used.
        assertThat(h.runtime.guards(PRIMARY).limiter().availableTokens()).isEqualTo(100_000 - 10);
    }
}
