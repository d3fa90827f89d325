package io.switchboard.engine.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.engine.EngineJson;
import java.math.BigDecimal;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.Usage;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.MutableClock;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.engine.keys.KeySpec;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BUDGET policy on the engine's chain against a real simulator: reserve, settle, release, refuse, headers. */
class BudgetPolicyTest {
    static ProviderSimulator sim;

    @BeforeAll
    static void startSimulator() { sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).instances(1).build()); }

    @AfterAll
    static void stopSimulator() { sim.close(); }

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2026-03-10T12:00:00Z");
    BillingHarness h;

    @BeforeEach
    void resetStats() { sim.resetStats(); }

    @AfterEach
    void close() {
        if (h != null) h.close();
    }

    private String key(String usdPerDay) {
        return h.billing.createKey(KeySpec.builder("team-a").budget(BudgetPeriod.DAY, usdPerDay).build()).key().id();
    }

    private Money costOf(String model, JsonNode openAiUsage) {
        Usage usage = Usage.of(openAiUsage.path("prompt_tokens").asLong(), openAiUsage.path("completion_tokens").asLong());
        return h.billing.catalog().cost(model, usage, false).total();
    }

    @Test
    void aCompleteAnswerIsBilledFromItsReportedUsageAndSaysSoInItsHeaders() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("1");
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key);

        assertThat(reply.status()).isEqualTo(200);
        Money expected = costOf("gpt-4o-mini", BillingHarness.json(reply).path("usage"));
        assertThat(expected.isPositive()).isTrue();
        assertThat(Money.usd(reply.headers().get(CostHeaders.COST))).isEqualTo(expected);
        assertThat(Money.usd(reply.headers().get(CostHeaders.REMAINING))).isEqualTo(Money.usd("1").minus(expected));
        List<SpendRecord> rows = h.ledger();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.cost()).isEqualTo(expected);
            assertThat(r.keyId()).isEqualTo(key);
            assertThat(r.provider()).isEqualTo("openai");
            assertThat(r.model()).isEqualTo("gpt-4o-mini");
            assertThat(r.requestId()).isNotBlank();
        });
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
        assertThat(h.spent(BudgetScope.key(key))).isEqualTo(expected);
    }

    @Test
    void farFromEveryLimitAnUntokenizedBoundIsHeldAndNearALimitTheTokenizersEstimate() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        ObjectNode body = BillingHarness.chatBody("gpt-4o-mini", 200, true);
        Money bound = h.billing.estimator().boundJson("gpt-4o-mini", body, EngineJson.bytes(body).length).worstCase();
        Money tight = h.billing.estimator().estimateJson("gpt-4o-mini", body).worstCase();
        assertThat(bound.greaterThan(tight)).isTrue();

        String rich = key("1000");
        Reply far = h.chat(body, rich);
        assertThat(Money.usd(far.headers().get(CostHeaders.RESERVED))).isEqualTo(bound);
        BillingHarness.drain(far, -1);

        // Room for ten tight estimates but not for BudgetGate.SLACK bounds: the tokenizer decides.
        String poor = key(tight.times(BigDecimal.TEN).toPlainString());
        Reply near = h.chat(body, poor);
        assertThat(Money.usd(near.headers().get(CostHeaders.RESERVED))).isEqualTo(tight);
        BillingHarness.drain(near, -1);

        // Either way the bill is the reported usage, and nothing stays held.
        List<SpendRecord> rows = h.ledger();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cost()).isEqualTo(rows.get(1).cost());
        assertThat(rows.get(0).cost().greaterThan(tight)).isFalse();
        assertThat(h.held(BudgetScope.key(rich))).isEqualTo(Money.ZERO);
        assertThat(h.held(BudgetScope.key(poor))).isEqualTo(Money.ZERO);
    }

    @Test
    void aCallWhoseWorstCaseDoesNotFitIsRefusedInTheClientsShapeWithoutReachingTheProvider() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("0.0001"); // 1000 output tokens of gpt-4o-mini cost $0.0006
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 1000, false), key);

        assertThat(reply.status()).isEqualTo(429);
        JsonNode error = BillingHarness.json(reply).path("error");
        assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("key:" + key).contains("day");
        assertThat(reply.headers()).containsEntry(CostHeaders.SHOULD_RETRY, "false").containsEntry(CostHeaders.COST, "0.00");
        assertThat(sim.stats().total()).isZero();
        assertThat(h.ledger()).isEmpty();
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
    }

    @Test
    void anAnthropicClientIsRefusedInAnthropicsErrorShape() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("0.0001");
        var body = BillingHarness.chatBody("claude-haiku-4-5", 1000, false);
        Reply reply = h.send(io.switchboard.core.wire.WireFormatId.ANTHROPIC_MESSAGES, body, key, java.util.Map.of());

        assertThat(reply.status()).isEqualTo(429);
        assertThat(BillingHarness.json(reply).path("type").asText()).isEqualTo("error");
        assertThat(BillingHarness.json(reply).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(reply.headers()).containsEntry(CostHeaders.SHOULD_RETRY, "false");
    }

    @Test
    void anUpstreamErrorReleasesTheHoldAndIsNotBilled() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("1");
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key, "x-sim-fault", "status:400");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers()).containsEntry(CostHeaders.COST, "0.00");
        assertThat(h.ledger()).isEmpty();
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
        assertThat(h.spent(BudgetScope.key(key))).isEqualTo(Money.ZERO);
    }

    @Test
    void aStreamIsBilledFromItsFinalUsageEventWhichTheGatewayAsksOpenAiFor() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("1");
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, true), key);
        Money reserved = Money.usd(reply.headers().get(CostHeaders.RESERVED));
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(reserved);

        String sse = BillingHarness.drain(reply, -1);
        JsonNode usage = null;
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\":{")) usage = io.switchboard.engine.EngineJson.parseOrNull(line.substring(6).getBytes()).path("usage");
        }
        assertThat(usage).as("the client sees the usage chunk it did not ask for").isNotNull();
        Money expected = costOf("gpt-4o-mini", usage);
        assertThat(h.ledger()).singleElement().satisfies(r -> assertThat(r.cost()).isEqualTo(expected));
        assertThat(expected.lessThan(reserved)).isTrue();
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
    }

    @Test
    void aStreamCutMidwayIsBilledForTheTextItProduced() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("1");
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, true), key, "x-sim-fault", "cut_after:6");
        Money reserved = Money.usd(reply.headers().get(CostHeaders.RESERVED));
        String sse = BillingHarness.drain(reply, -1);

        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode chunk = io.switchboard.engine.EngineJson.parseOrNull(line.substring(6).getBytes());
            for (JsonNode c : chunk.path("choices")) text.append(c.path("delta").path("content").asText(""));
        }
        assertThat(text).isNotEmpty();
        SpendRecord row = h.ledger().getFirst();
        long outputTokens = h.billing.estimator().countTokens("gpt-4o-mini", text.toString());
        assertThat(row.usage().outputTokens()).isEqualTo(outputTokens);
        assertThat(row.usage().inputTokens()).isPositive();
        assertThat(row.cost()).isEqualTo(h.billing.catalog().cost("gpt-4o-mini", row.usage(), false).total());
        assertThat(row.cost().isPositive()).isTrue();
        assertThat(row.cost().lessThan(reserved)).isTrue();
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
    }

    @Test
    void aClientThatGoesAwayMidStreamIsBilledForWhatWasProducedAndLeaksNoHold() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("1");
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, true), key);
        BillingHarness.drain(reply, 3);

        SpendRecord row = h.ledger().getFirst();
        assertThat(row.cost().isPositive()).isTrue();
        assertThat(h.held(BudgetScope.key(key))).isEqualTo(Money.ZERO);
        assertThat(h.spent(BudgetScope.key(key))).isEqualTo(row.cost());
    }

    @Test
    void clampingLowersMaxTokensToWhatTheBudgetCanStillPay() {
        h = new BillingHarness(sim, BillingConfig.builder().overBudget(OverBudgetAction.CLAMP_MAX_TOKENS, null).build(), dir, clock);
        String key = key("0.0001"); // affords ~160 output tokens of gpt-4o-mini after the prompt
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 1000, false), key);

        assertThat(reply.status()).isEqualTo(200);
        int clamped = Integer.parseInt(reply.headers().get(CostHeaders.CLAMPED));
        assertThat(clamped).isBetween(100, 170);
        assertThat(BillingHarness.json(reply).path("usage").path("completion_tokens").asInt()).isLessThanOrEqualTo(clamped);
        assertThat(h.spent(BudgetScope.key(key)).greaterThan(Money.usd("0.0001"))).isFalse();
    }

    @Test
    void downgradingSendsTheCallToTheCheaperModel() {
        h = new BillingHarness(sim, BillingConfig.builder().overBudget(OverBudgetAction.DOWNGRADE, "gpt-4o-mini").build(), dir, clock);
        String key = key("0.005"); // gpt-4o's 1000 output tokens cost $0.01, gpt-4o-mini's $0.0006
        Reply reply = h.chat(BillingHarness.chatBody("gpt-4o", 1000, false), key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry(CostHeaders.DOWNGRADED, "gpt-4o")
                .containsEntry("x-switchboard-target", "openai/gpt-4o-mini");
        assertThat(h.ledger().getFirst().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aDayBudgetUsedUpRefusesUntilLocalMidnightOfTheConfiguredZone() {
        BillingConfig config = BillingConfig.builder().zone(java.time.ZoneId.of("America/New_York")).build();
        h = new BillingHarness(sim, config, dir, clock); // 12:00Z is 08:00 in New York
        String key = key("0.0002");
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status()).isEqualTo(200);
        while (h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status() == 200) {
            assertThat(h.spent(BudgetScope.key(key)).greaterThan(Money.usd("0.0002"))).isFalse();
        }
        clock.advance(Duration.ofHours(15)); // 23:00 in New York: same day
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status()).isEqualTo(429);
        clock.advance(Duration.ofHours(1)); // local midnight
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status()).isEqualTo(200);
    }

    @Test
    void spendSurvivesARestartOnTheSameDataDirectory() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = key("0.0002");
        while (h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status() == 200) { }
        Money spent = h.spent(BudgetScope.key(key));
        h.close();

        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        assertThat(h.spent(BudgetScope.key(key))).isEqualTo(spent);
        sim.resetStats();
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), key).status()).isEqualTo(429);
        assertThat(sim.stats().total()).isZero();
    }

    @Test
    void aKeyLimitedToSomeModelsIsRefusedOthers() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = h.billing.createKey(KeySpec.builder("narrow").allowedModels(Set.of("gpt-4o-mini")).build()).key().id();

        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 50, false), key).status()).isEqualTo(200);
        Reply refused = h.chat(BillingHarness.chatBody("gpt-4o", 50, false), key);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(BillingHarness.json(refused).path("error").path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(h.chat(BillingHarness.chatBody("default", 50, false), key).status())
                .as("the default route may fall back to claude-haiku-4-5, which the key may not use").isEqualTo(403);
    }

    @Test
    void aGlobalBudgetAndAPerRequestCapFromConfigApplyToEveryCaller() {
        BillingConfig config = BillingConfig.builder()
                .perRequestCap(BudgetScope.global(), Money.usd("0.0005")).build();
        h = new BillingHarness(sim, config, dir, clock);
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 200, false), "master").status()).isEqualTo(200);
        Reply refused = h.chat(BillingHarness.chatBody("gpt-4o-mini", 2000, false), "master");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(BillingHarness.json(refused).path("error").path("message").asText()).contains("per-request cost cap");
    }

    @Test
    void aKeyWhoseTokenBucketFitsTheTightEstimateButNotTheBoundIsServed() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        ObjectNode body = BillingHarness.chatBody("gpt-4o-mini", 50, false);
        var tight = h.billing.estimator().estimateJson("gpt-4o-mini", body);
        long tokens = tight.inputTokens() + tight.outputTokens();
        assertThat(h.billing.estimator().boundJson("gpt-4o-mini", body, EngineJson.bytes(body).length).inputTokens())
                .isGreaterThan(tight.inputTokens());
        String key = h.billing.createKey(KeySpec.builder("tight")
                .rateLimits(new io.switchboard.engine.keys.RateLimits(0, tokens)).build()).key().id();
        assertThat(h.chat(body, key).status()).isEqualTo(200);
    }

    @Test
    void aKeysRequestRateIsLimitedOnTheInjectedClock() {
        h = new BillingHarness(sim, BillingConfig.DEFAULTS, dir, clock);
        String key = h.billing.createKey(KeySpec.builder("slow")
                .rateLimits(new io.switchboard.engine.keys.RateLimits(2, 0)).build()).key().id();
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 50, false), key).status()).isEqualTo(200);
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 50, false), key).status()).isEqualTo(200);
        sim.resetStats();
        Reply limited = h.chat(BillingHarness.chatBody("gpt-4o-mini", 50, false), key);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(BillingHarness.json(limited).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.headers()).containsKey("retry-after");
        assertThat(sim.stats().total()).isZero();
        assertThat(h.held(BudgetScope.global())).isEqualTo(Money.ZERO);
        clock.advance(Duration.ofSeconds(30)); // 2 a minute refill one every 30 s
        assertThat(h.chat(BillingHarness.chatBody("gpt-4o-mini", 50, false), key).status()).isEqualTo(200);
    }

    @Test
    void pastTheSoftLimitAnswersCarryAWarningAndAnEventIsPublished() {
        h = new BillingHarness(sim, BillingConfig.builder().softLimitFraction(new java.math.BigDecimal("0.5")).build(), dir, clock);
        List<io.switchboard.engine.cost.BudgetEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        h.billing.addListener(events::add);
        String key = key("0.0002");
        Reply first = h.chat(BillingHarness.chatBody("gpt-4o-mini", 100, false), key);
        assertThat(first.headers()).doesNotContainKey(CostHeaders.WARNING);
        Reply reply = first;
        while (reply.status() == 200 && !reply.headers().containsKey(CostHeaders.WARNING)) {
            reply = h.chat(BillingHarness.chatBody("gpt-4o-mini", 100, false), key);
        }
        assertThat(reply.headers().get(CostHeaders.WARNING)).startsWith("key:" + key + " day ").contains("% used").contains("of $0.0002");
        assertThat(events).singleElement().isInstanceOf(io.switchboard.engine.cost.BudgetEvent.SoftLimitCrossed.class);
    }
}
