package io.switchboard.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.Usage;
import io.switchboard.engine.billing.BillingConfig;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.BudgetStatus;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence: 200 concurrent requests over real HTTP against one virtual key whose daily budget fits
 * about 50 of them, mixing plain calls, streams, upstream errors, client timeouts, streams the upstream cuts and
 * clients that hang up mid-stream (all injected with {@code x-sim-fault} or by the client). Afterwards:
 * <ul>
 *   <li>the settled spend never exceeds the budget;</li>
 *   <li>every call whose usage the simulator reported is in the ledger at exactly the cost of that usage, and
 *       the ledger's sum is the sum of its rows, the budget's spend and the admin API's total;</li>
 *   <li>refused calls and upstream errors cost nothing and never reached the provider (refusals);</li>
 *   <li>no reservation is left holding money.</li>
 * </ul>
 */
class ConcurrentBudgetTest {
    private static final int REQUESTS = 200;
    private static final String PROMPT = "Write a short note about tide pools.";

    @TempDir
    Path dir;
    BillingGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
    }

    private static String body(int maxTokens, boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens + (stream ? ",\"stream\":true" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private Money cost(Usage usage) { return gw.billing.catalog().cost("gpt-4o-mini", usage, false).total(); }

    private static Usage usageOf(JsonNode u) { return Usage.of(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong()); }

    /** The usage chunk of an OpenAI Chat stream, or null when the stream never got that far. */
    private static JsonNode streamedUsage(String sse) {
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\":{")) return Http.parse(line.substring(6)).path("usage");
        }
        return null;
    }

    private static String streamedText(String sse) {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: {")) continue;
            for (JsonNode c : Http.parse(line.substring(6)).path("choices")) text.append(c.path("delta").path("content").asText(""));
        }
        return text.toString();
    }

    private enum Kind { PLAIN, STREAM, UPSTREAM_ERROR, CLIENT_TIMEOUT, CUT_STREAM, HANG_UP }

    private record Outcome(Kind kind, Http.Answer answer) {}

    @Test
    void twoHundredConcurrentCallsNeverOverspendAndLeaveALedgerThatAddsUp() throws Exception {
        gw = new BillingGateway(dir, BillingConfig.DEFAULTS, SimulatorConfig.builder().port(0).instances(1)
                .latency(LatencyModel.parse("ttft_ms=30,tps=400")).build());
        String chat = gw.url("/v1/chat/completions");
        String master = Http.bearer(BillingGateway.MASTER);

        // One probe (on the master key, outside the budget) gives the exact usage of the prompt: the simulator is
        // deterministic, so every call below costs the same, and max_tokens is set to exactly what it produces.
        JsonNode probe = Http.send("POST", chat, body(4096, false), "authorization", master).json();
        Usage one = usageOf(probe.path("usage"));
        Money perCall = cost(one);
        int maxTokens = (int) one.outputTokens();
        Money budget = Money.usd(perCall.amount().multiply(java.math.BigDecimal.valueOf(50)));
        JsonNode created = Http.send("POST", gw.url("/admin/keys"), "{\"name\":\"load\",\"budgets\":[{\"usd\":"
                + budget.amount().toPlainString() + ",\"period\":\"day\"}]}", "authorization", master).json();
        String keyId = created.path("id").asText();
        String auth = Http.bearer(created.path("key").asText());
        gw.server.simulator().resetStats();

        List<Outcome> outcomes = fire(chat, auth, maxTokens);

        BudgetScope scope = BudgetScope.key(keyId);
        awaitNoHold(scope, Duration.ofSeconds(15)); // client timeouts settle when the stalled upstream answers
        gw.billing.flush().join();
        List<SpendRecord> rows = gw.billing.ledger().records(keyId, Instant.EPOCH, Instant.MAX);
        Map<String, SpendRecord> byRequest = new HashMap<>();
        rows.forEach(r -> byRequest.put(r.requestId(), r));
        Money ledgerSum = rows.stream().map(SpendRecord::cost).reduce(Money.ZERO, Money::plus);
        BudgetStatus status = gw.billing.book().status(scope).getFirst();

        // Settled spend never exceeds the budget, and nothing is left held.
        assertThat(status.held()).isEqualTo(Money.ZERO);
        assertThat(status.spent().greaterThan(budget)).as("spent %s of %s", status.spent(), budget).isFalse();
        assertThat(ledgerSum).isEqualTo(status.spent());
        JsonNode report = Http.send("GET", gw.url("/admin/spend?key_id=" + keyId), null, "authorization", master).json();
        assertThat(Money.usd(report.path("total_usd").decimalValue())).isEqualTo(ledgerSum);

        int refused = 0, reported = 0, recovered = 0, estimated = 0, upstreamErrors = 0, timeouts = 0;
        Money sumReported = Money.ZERO, estimatedSum = Money.ZERO;
        for (Outcome o : outcomes) {
            Http.Answer a = o.answer();
            if (a.status() == 429) {
                refused++;
                assertThat(a.json().path("error").path("type").asText()).isEqualTo("insufficient_quota");
                assertThat(a.header("x-should-retry")).isEqualTo("false");
                assertThat(byRequest).doesNotContainKey(a.header("x-request-id"));
                continue;
            }
            switch (o.kind()) {
                case PLAIN, STREAM -> {
                    assertThat(a.status()).isEqualTo(200);
                    Usage usage = usageOf(o.kind() == Kind.PLAIN ? a.json().path("usage") : streamedUsage(a.body()));
                    SpendRecord row = byRequest.get(a.header("x-request-id"));
                    assertThat(row).as("ledger row of %s", a.header("x-request-id")).isNotNull();
                    assertThat(row.cost()).isEqualTo(cost(usage));
                    assertThat(row.usage().outputTokens()).isEqualTo(usage.outputTokens());
                    sumReported = sumReported.plus(row.cost());
                    reported++;
                }
                case UPSTREAM_ERROR -> {
                    assertThat(a.status()).isEqualTo(500);
                    assertThat(a.header("x-switchboard-cost-usd")).isEqualTo("0.00");
                    assertThat(byRequest).doesNotContainKey(a.header("x-request-id"));
                    upstreamErrors++;
                }
                case CUT_STREAM -> {
                    assertThat(a.status()).isEqualTo(200);
                    SpendRecord row = byRequest.get(a.header("x-request-id"));
                    JsonNode usage = streamedUsage(a.body());
                    if (usage != null) { // the gateway's stream recovery continued it: billed from the final usage
                        assertThat(row.cost()).isEqualTo(cost(usageOf(usage)));
                        sumReported = sumReported.plus(row.cost());
                        recovered++;
                    } else {             // cut for the client too: billed for the text it received
                        assertThat(row.usage().outputTokens()).isEqualTo(gw.billing.estimator().countTokens("gpt-4o-mini", streamedText(a.body())));
                        assertThat(row.cost().isPositive() && row.cost().lessThan(perCall)).isTrue();
                        estimatedSum = estimatedSum.plus(row.cost());
                        estimated++;
                    }
                }
                case HANG_UP -> {
                    SpendRecord row = byRequest.get(a.header("x-request-id"));
                    assertThat(row).isNotNull();
                    assertThat(row.cost().greaterThan(Money.usd(a.header("x-switchboard-cost-reserved-usd")))).isFalse();
                    estimatedSum = estimatedSum.plus(row.cost());
                    estimated++;
                }
                case CLIENT_TIMEOUT -> {
                    assertThat(a.status()).isEqualTo(-1);
                    timeouts++;
                }
            }
        }
        // A client that timed out has no request id; its call still ran and the simulator reported its usage.
        List<SpendRecord> unmatched = rows.stream().filter(r -> outcomes.stream()
                .noneMatch(o -> r.requestId().equals(o.answer().header("x-request-id")))).toList();
        assertThat(unmatched).allSatisfy(r -> assertThat(r.cost()).isEqualTo(perCall));
        assertThat(unmatched.size()).isLessThanOrEqualTo(timeouts);
        assertThat(rows).hasSize(reported + recovered + estimated + unmatched.size());
        assertThat(ledgerSum).isEqualTo(sumReported.plus(estimatedSum).plus(perCall.times(java.math.BigDecimal.valueOf(unmatched.size()))));

        // Refused calls never reached the provider: it saw exactly the admitted ones.
        var sim = gw.server.simulator().stats();
        // (A recovered stream is two upstream requests for one call: the cut one and its continuation.)
        assertThat(sim.total()).isEqualTo(rows.size() + sim.status(500) + recovered);
        assertThat(refused).isGreaterThan(REQUESTS / 2);
        assertThat(reported).as("calls fully served within a budget of about 50").isBetween(20, 50);
        assertThat(upstreamErrors + estimated + timeouts).isPositive();
        System.out.printf("200 concurrent: %d refused, %d billed from reported usage, %d cut streams recovered by the gateway, "
                        + "%d billed from streamed text, %d upstream errors, %d client timeouts (%d admitted); spent %s of %s; "
                        + "ledger %s; held %s%n", refused, reported, recovered, estimated,
                upstreamErrors, timeouts, unmatched.size(), status.spent(), budget, ledgerSum, status.held());
    }

    private List<Outcome> fire(String chat, String auth, int maxTokens) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                Kind kind = switch (i % 20) {
                    case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> Kind.PLAIN;
                    case 10, 11, 12, 13 -> Kind.STREAM;
                    case 14, 15 -> Kind.UPSTREAM_ERROR;
                    case 16, 17 -> Kind.CLIENT_TIMEOUT;
                    case 18 -> Kind.CUT_STREAM;
                    default -> Kind.HANG_UP;
                };
                futures.add(pool.submit(() -> {
                    go.await();
                    return new Outcome(kind, call(kind, chat, auth, maxTokens));
                }));
            }
            go.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) out.add(f.get());
            return out;
        }
    }

    private static Http.Answer call(Kind kind, String chat, String auth, int maxTokens) {
        return switch (kind) {
            case PLAIN -> Http.send("POST", chat, body(maxTokens, false), "authorization", auth);
            case STREAM -> Http.stream(chat, body(maxTokens, true), "authorization", auth);
            case UPSTREAM_ERROR -> Http.send("POST", chat, body(maxTokens, false), "authorization", auth, "x-sim-fault", "status:500");
            case CLIENT_TIMEOUT -> Http.send("POST", chat, body(maxTokens, false), Duration.ofMillis(400),
                    "authorization", auth, "x-sim-fault", "stall_ms:2000");
            case CUT_STREAM -> Http.stream(chat, body(maxTokens, true), "authorization", auth, "x-sim-fault", "cut_after:5");
            case HANG_UP -> Http.sendAndHangUp(chat, body(maxTokens, true), 200, "authorization", auth);
        };
    }

    private void awaitNoHold(BudgetScope scope, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (gw.billing.book().status(scope).stream().allMatch(s -> s.held().isZero())) return;
            Thread.sleep(50);
        }
    }
}
