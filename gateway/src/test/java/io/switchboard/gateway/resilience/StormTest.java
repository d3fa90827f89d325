package io.switchboard.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.policy.BreakerTransition;
import io.switchboard.engine.resilience.BreakerState;
import io.switchboard.gateway.resilience.ResilienceHttp.Answer;
import io.switchboard.simulator.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The storm: the primary target (OpenAI gpt-4o-mini) answers 503 to half of its requests, then 429 with a
 * 5 s retry-after to half of them (150 client requests each), then recovers. Real HTTP all the way: client,
 * gateway, in-process simulator. Measured over the storm: (a) what clients see succeeds (fallback to Claude),
 * (b) upstream attempts per client request stay at most 1.1 (the breaker stops sending to the sick primary,
 * and nothing is retried on top), (c) the primary's breaker opens and, once the storm is over, closes again,
 * (d) no request outlives its tier's 2 s deadline by more than a small margin.
 */
class StormTest {
    static final String CONFIG = """
            providers:
              openai:    { base_url: "${OPENAI}", api_key: sim-key }
              anthropic: { base_url: "${ANTHROPIC}", api_key: sim-key }
            routes:
              chat:
                tier: storm
                retries: { max: 2, min_attempt: 100ms }
                targets:
                  - { provider: openai,    model: gpt-4o-mini,      priority: 1 }
                  - { provider: anthropic, model: claude-haiku-4-5, priority: 2 }
            resilience:
              tiers:
                storm: { connect: 500ms, first_byte: 1s, idle: 1s, total: 2s }
              targets:
                openai/gpt-4o-mini:
                  breaker: { failure_rate: 30, window_calls: 20, min_calls: 10, open_for: 2s, probes: 3 }
            """;
    /** The primary answers half of its requests with a 503, then with a 429 asking for a 5 s wait (far past the deadline). */
    static final Scenario UNAVAILABLE = Scenario.parse(
            "{\"rules\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"fault\": \"status:503\", \"rate\": 0.5}]}");
    static final Scenario RATE_LIMITED = Scenario.parse("{\"rules\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", "
            + "\"fault\": \"status:429\", \"rate\": 0.5, \"retry_after_ms\": 5000}]}");
    /** Requests per storm phase: counted, not timed, so a busy test machine changes the duration, not the measure. */
    static final int PHASE_REQUESTS = 150;
    static final long DEADLINE_MS = 2_000, DEADLINE_MARGIN_MS = 500, RECOVERY_MAX_MS = 20_000;
    static final int CLIENTS = 8;

    record Sample(boolean storm, Answer answer) {}

    @Test
    void aHalfFailingPrimaryIsAbsorbedWithoutAmplification() throws Exception {
        try (ResilienceGateway gw = new ResilienceGateway(CONFIG)) {
            warmUp(gw);
            gw.simulator.resetStats();
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            Target primaryTarget = new Target("openai", "gpt-4o-mini");
            gw.simulator.setScenario(UNAVAILABLE);
            load(gw, clients, samples, true, count -> count < PHASE_REQUESTS);
            gw.simulator.setScenario(RATE_LIMITED);
            load(gw, clients, samples, true, count -> count < PHASE_REQUESTS);
            gw.simulator.clearScenario();
            long recoveryStart = System.nanoTime();
            load(gw, clients, samples, false, count -> elapsedMs(recoveryStart) < RECOVERY_MAX_MS
                    && (count < 50 || gw.engine.resilience().guards(primaryTarget).breaker().state() != BreakerState.CLOSED));
            clients.shutdown();
            long upstreamCalls = gw.simulator.stats().total();

            List<Sample> storm = samples.stream().filter(Sample::storm).toList();
            long ok = storm.stream().filter(s -> s.answer().status() == 200).count();
            double success = (double) ok / storm.size();
            double attempts = storm.stream().mapToInt(s -> Integer.parseInt(s.answer().header("x-switchboard-attempts"))).average().orElseThrow();
            long slowest = samples.stream().mapToLong(s -> s.answer().millis()).max().orElseThrow();
            List<BreakerTransition> primary = gw.engine.resilience().transitions().stream()
                    .filter(t -> t.target().equals("openai/gpt-4o-mini")).toList();
            System.out.printf("storm: %d requests, success %.4f, attempts/request %.3f (simulator saw %d calls for %d requests overall), "
                            + "slowest %d ms, breaker transitions %s%n", storm.size(), success, attempts, upstreamCalls, samples.size(),
                    slowest, primary.stream().map(t -> t.from() + "->" + t.to()).toList());

            assertThat(success).as("(a) client-visible success").isGreaterThanOrEqualTo(0.999);
            assertThat(attempts).as("(b) upstream attempts per request over the storm").isLessThanOrEqualTo(1.1);
            assertThat((double) upstreamCalls / samples.size()).as("(b) as counted by the simulator, whole run").isLessThanOrEqualTo(1.1);
            assertThat(primary).as("(c) the breaker opened").anyMatch(t -> t.to() == BreakerState.OPEN);
            BreakerTransition lastOpen = primary.stream().filter(t -> t.to() == BreakerState.OPEN).reduce((a, b) -> b).orElseThrow();
            assertThat(primary.subList(primary.indexOf(lastOpen), primary.size())).as("(c) and closed again after the storm")
                    .anyMatch(t -> t.to() == BreakerState.CLOSED);
            assertThat(gw.engine.resilience().guards(primaryTarget).breaker().state())
                    .isEqualTo(BreakerState.CLOSED);
            assertThat(slowest).as("(d) no request outlives its deadline").isLessThanOrEqualTo(DEADLINE_MS + DEADLINE_MARGIN_MS);
            assertThat(ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat("chat", false), "authorization", "Bearer " + ResilienceGateway.KEY)
                    .header("x-switchboard-target")).as("after recovery the primary serves again").isEqualTo("openai/gpt-4o-mini");

            JsonNode admin = ResilienceHttp.get(gw.gateway.baseUrl() + RoutesAdmin.PATH, "authorization", "Bearer " + ResilienceGateway.KEY).json();
            assertThat(admin.at("/targets/openai~1gpt-4o-mini/breaker").asText()).isEqualTo("CLOSED");
            assertThat(admin.at("/routes/chat/tier").asText()).isEqualTo("storm");
            assertThat(admin.path("breaker_transitions").size()).isEqualTo(primary.size());
        }
    }

    /** Runs {@value #CLIENTS} clients until {@code more} says stop (it sees how many requests this phase has sent). */
    private static void load(ResilienceGateway gw, ExecutorService clients, List<Sample> samples, boolean storm,
                             IntPredicate more) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (more.test(sent.getAndIncrement())) {
                    samples.add(new Sample(storm, ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat("chat", false),
                            "authorization", "Bearer " + ResilienceGateway.KEY)));
                }
            }));
        }
        for (Future<?> f : running) f.get();
    }

    /** Loads tokenizers and connections first, so the storm measures steady state. */
    private static void warmUp(ResilienceGateway gw) {
        for (int i = 0; i < 5; i++) {
            assertThat(ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat("chat", false), "authorization", "Bearer " + ResilienceGateway.KEY)
                    .status()).isEqualTo(200);
        }
    }

    private static long elapsedMs(long t0) { return (System.nanoTime() - t0) / 1_000_000; }
}
