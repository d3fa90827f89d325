package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.stream.StreamRecoveryMetrics;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.simulator.LatencyModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A gateway stopping while streams still run upstream (their clients gone, the answers still filling the journal):
 * each upstream connection breaks as the pools close. The load harness's log once showed thousands of
 * "Client is closed" exceptions thrown out of event-loop callbacks here, from recovery asking the closed pool for a
 * follow-up request.
 */
class StreamShutdownTest {
    private static final String CHAT = """
            {"model":"gpt-4o-mini","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"Tell me about rivers"}]}""";

    @Test
    void streamsBrokenByTheGatewayStoppingEndAsFailedWithoutAnExceptionEscaping() throws Exception {
        // 20 tokens/s: each answer runs for seconds after its client hangs up.
        StreamFixture slow = new StreamFixture(new LatencyModel(Duration.ofMillis(20), 20), 5_000, StreamsConfig.DEFAULTS, null);
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        slow.vertx.exceptionHandler(escaped::add);
        StreamRecoveryMetrics metrics = slow.engine.streams().metrics();
        try {
            for (int i = 0; i < 4; i++) {
                SseClient.Result r = SseClient.post(slow.baseUrl() + "/v1/chat/completions", CHAT, 2,
                        "authorization", "Bearer " + StreamFixture.ALICE);
                assertThat(r.status()).isEqualTo(200);
            }
            slow.gateway.close();
            slow.engine.close();

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (metrics.snapshot().failed() < 4 && escaped.isEmpty() && System.nanoTime() < until) Thread.sleep(20);

            assertThat(escaped).as("exceptions thrown out of event-loop callbacks").isEmpty();
            StreamRecoveryMetrics.Snapshot s = metrics.snapshot();
            assertThat(s.failed()).as("each stream given up").isEqualTo(4);
            assertThat(s.attempts()).as("one refused follow-up each, not max_attempts").isEqualTo(4);
        } finally {
            slow.simulator.close();
            slow.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
