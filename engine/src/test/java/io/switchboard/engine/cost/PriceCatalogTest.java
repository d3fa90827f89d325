package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Usage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    private final PriceCatalog catalog = PriceCatalog.bundled();

    @Test
    void bundledFileSaysWhereAndWhenItsPricesComeFrom() {
        assertThat(catalog.asOf()).contains(LocalDate.of(2026, 7, 24));
        assertThat(catalog.source()).contains("LiteLLM").contains("pricing");
        assertThat(catalog.models()).contains("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5-mini",
                "claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805");
    }

    @Test
    void bundledPricesMatchTheReferenceSheet() {
        ModelPrice mini = catalog.price("gpt-4o-mini");
        assertThat(mini.input()).isEqualByComparingTo("0.15");
        assertThat(mini.cachedInput()).isEqualByComparingTo("0.075");
        assertThat(mini.output()).isEqualByComparingTo("0.60");
        assertThat(mini.cacheWrite5m()).isEqualByComparingTo(mini.input()); // OpenAI: no cache-write surcharge
        assertThat(mini.cacheWrite1h()).isNull();
        assertThat(mini.maxOutputTokens()).isEqualTo(16_384);

        ModelPrice sonnet = catalog.price("claude-sonnet-4-5-20250929");
        assertThat(sonnet.cacheWrite5m()).isEqualByComparingTo("3.75");
        assertThat(sonnet.cacheWrite1h()).isEqualByComparingTo("6.00");
        assertThat(sonnet.cachedInput()).isEqualByComparingTo("0.30");
        assertThat(sonnet.maxOutputTokens()).isEqualTo(64_000);
    }

    @Test
    void anthropicCacheMultipliersHoldForEveryClaudeModel() {
        for (String model : catalog.models()) {
            if (!model.startsWith("claude")) continue;
            ModelPrice p = catalog.price(model);
            assertThat(p.cacheWrite5m()).as(model).isEqualByComparingTo(p.input().multiply(new BigDecimal("1.25")));
            assertThat(p.cacheWrite1h()).as(model).isEqualByComparingTo(p.input().multiply(new BigDecimal("2")));
            assertThat(p.cachedInput()).as(model).isEqualByComparingTo(p.input().multiply(new BigDecimal("0.1")));
            assertThat(p.batchMultiplier()).as(model).isEqualByComparingTo("0.5");
        }
    }

    @Test
    void openAiUsageIsBilledWithItsCachedPartDiscounted() {
        // 1M prompt tokens of which 200k cached, 100k output at 2.50 / 1.25 / 10.00
        Cost cost = catalog.cost("gpt-4o", new Usage(1_000_000, 100_000, 200_000, 0, 0), false);
        assertThat(cost.input()).isEqualTo(Money.usd("2.00"));
        assertThat(cost.cachedInput()).isEqualTo(Money.usd("0.25"));
        assertThat(cost.output()).isEqualTo(Money.usd("1.00"));
        assertThat(cost.total()).isEqualTo(Money.usd("3.25"));
    }

    @Test
    void anthropicUsageBillsCacheReadsAndWritesAtTheirOwnRates() {
        // Anthropic reports 1000 uncached + 2000 cache-written + 3000 cache-read: Usage holds 6000 in total
        Usage usage = new Usage(6000, 500, 3000, 2000, 0);
        Cost cost = catalog.cost("claude-haiku-4-5", usage, false);
        assertThat(cost.model()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(cost.input()).isEqualTo(Money.usd("0.001"));
        assertThat(cost.cachedInput()).isEqualTo(Money.usd("0.0003"));
        assertThat(cost.cacheWrite()).isEqualTo(Money.usd("0.0025"));
        assertThat(cost.output()).isEqualTo(Money.usd("0.0025"));
        assertThat(cost.total()).isEqualTo(Money.usd("0.0063"));
    }

    @Test
    void reasoningTokensAreNotBilledTwice() {
        Cost plain = catalog.cost("gpt-5-mini", new Usage(1000, 5000, 0, 0, 0), false);
        Cost reasoning = catalog.cost("gpt-5-mini", new Usage(1000, 5000, 0, 0, 4000), false);
        assertThat(reasoning.total()).isEqualTo(plain.total());
    }

    @Test
    void batchHalvesEveryLine() {
        Usage usage = new Usage(10_000, 2_000, 4_000, 0, 0);
        Cost normal = catalog.cost("gpt-4.1", usage, false);
        Cost batch = catalog.cost("gpt-4.1", usage, true);
        assertThat(batch.batch()).isTrue();
        assertThat(batch.total()).isEqualTo(normal.total().times(new BigDecimal("0.5")));
        assertThat(batch.total()).isEqualTo(Money.usd("0.015")); // (6000*2 + 4000*0.5 + 2000*8)/1M/2
    }

    @Test
    void resolvesAliasesSnapshotsAndProviderPrefixes() {
        assertThat(catalog.resolve("claude-haiku-4-5")).contains("claude-haiku-4-5-20251001");
        assertThat(catalog.resolve("gpt-4o-mini-2024-07-18")).contains("gpt-4o-mini");
        assertThat(catalog.resolve("gpt-5-2025-08-07")).contains("gpt-5");
        assertThat(catalog.resolve("openai/gpt-4.1-mini")).contains("gpt-4.1-mini");
        assertThat(catalog.resolve("anthropic/claude-sonnet-4-5")).contains("claude-sonnet-4-5-20250929");
    }

    @Test
    void aSnapshotWithItsOwnPriceIsNotPricedAsItsFamily() {
        assertThat(catalog.resolve("gpt-4o-2024-05-13")).contains("gpt-4o-2024-05-13");
        assertThat(catalog.price("gpt-4o-2024-05-13").input()).isEqualByComparingTo("5.00");
        assertThat(catalog.price("gpt-4o-2024-08-06").input()).isEqualByComparingTo("2.50");
    }

    @Test
    void neverMatchesByLoosePrefix() {
        assertThat(catalog.resolve("gpt-4o-audio-preview")).isEmpty();
        assertThat(catalog.resolve("gpt-4")).isEmpty();
        assertThat(catalog.resolve("claude-haiku-4-5-extra")).isEmpty();
    }

    @Test
    void unknownModelsAreRefusedByDefault() {
        assertThatThrownBy(() -> catalog.cost("mystery-model", Usage.of(10, 10), false))
                .isInstanceOfSatisfying(UnknownModelException.class, e -> {
                    assertThat(e.model()).isEqualTo("mystery-model");
                    assertThat(e.toProviderError().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.toProviderError().param()).isEqualTo("model");
                });
    }

    @Test
    void unknownModelsCanBeChargedAConfiguredDefault() {
        ModelPrice fallback = ModelPrice.builder().input("10").output("30").maxOutputTokens(4096).build();
        PriceCatalog lenient = catalog.withUnknownModelPolicy(UnknownModelPolicy.defaultPrice(fallback));
        assertThat(lenient.cost("mystery-model", Usage.of(1_000_000, 1_000_000), false).total()).isEqualTo(Money.usd(40));
        assertThat(lenient.find("mystery-model")).isEmpty();
        assertThat(catalog.unknownModelPolicy()).isInstanceOf(UnknownModelPolicy.Refuse.class);
    }

    @Test
    void theDefaultPriceForUnknownModelsMayNotBeFree() {
        ModelPrice free = ModelPrice.builder().input("0").output("0").maxOutputTokens(100).build();
        assertThatThrownBy(() -> UnknownModelPolicy.defaultPrice(free)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overridesReplacePricesAndFollowAliases() {
        ModelPrice negotiated = ModelPrice.builder().input("0.50").output("2.50").maxOutputTokens(64_000).build();
        PriceCatalog custom = catalog.withOverrides(Map.of("claude-haiku-4-5", negotiated, "in-house-llm", negotiated));
        assertThat(custom.price("claude-haiku-4-5-20251001")).isEqualTo(negotiated);
        assertThat(custom.price("in-house-llm")).isEqualTo(negotiated);
        assertThat(catalog.price("claude-haiku-4-5-20251001").input()).isEqualByComparingTo("1.00"); // original untouched
    }

    @Test
    void readsAPriceFileGivenAsStrings() {
        String json = """
                {"as_of": "2026-01-02", "source": "test", "models": {
                  "m1": {"input": "0.1", "output": "0.2", "cached_input": "0.01", "max_output_tokens": 100}},
                 "aliases": {"m": "m1"}}""";
        PriceCatalog read = PriceCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.price("m").cachedInput()).isEqualByComparingTo("0.01");
        assertThat(read.asOf()).contains(LocalDate.of(2026, 1, 2));
    }

    @Test
    void rejectsBrokenPriceFiles() {
        String negative = "{\"models\": {\"m\": {\"input\": -1, \"output\": 1, \"max_output_tokens\": 10}}}";
        assertThatThrownBy(() -> PriceCatalog.fromJson(new ByteArrayInputStream(negative.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("'m'").hasMessageContaining("negative");
        assertThatThrownBy(() -> PriceCatalog.of(Map.of(), Map.of("a", "nowhere")))
                .hasMessageContaining("nowhere");
    }
}
