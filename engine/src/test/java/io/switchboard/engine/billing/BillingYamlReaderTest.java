package io.switchboard.engine.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.engine.config.ConfigException;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.UnknownModelPolicy;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code budgets:} and {@code pricing:} sections, read through the gateway's config file reader. */
class BillingYamlReaderTest {
    private static final String PROVIDERS = """
            providers:
              openai: { base_url: http://127.0.0.1:9090/v1, api_key: sk-x }
            routes:
              default:
                targets:
                  - { provider: openai, model: gpt-4o-mini }
            """;

    private static BillingConfig read(String yaml) { return GatewayConfig.parse(PROVIDERS + yaml, "test.yaml", Map.of()).billing(); }

    @Test
    void everyKeyIsRead() {
        BillingConfig c = read("""
                pricing:
                  unknown_model: { input: 5, output: 15, max_output_tokens: 4096 }
                  models:
                    gpt-4o-mini: { input: 0.20 }
                    my-finetune: { input: 1, output: 2, max_output_tokens: 1000 }
                budgets:
                  time_zone: Europe/Paris
                  soft_limit: 0.9
                  over_budget: downgrade
                  downgrade_to: gpt-4o-mini
                  global: [{ usd: 500, period: month }, { per_request_usd: 2 }]
                  teams: { research: [{ usd: 50, period: day }] }
                  routes: { default: [{ usd: 20, period: hour }] }
                """);
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(c.softLimitFraction()).isEqualByComparingTo("0.9");
        assertThat(c.overBudget()).isEqualTo(OverBudgetAction.DOWNGRADE);
        assertThat(c.downgradeTo()).isEqualTo("gpt-4o-mini");
        assertThat(c.budgets()).containsExactlyInAnyOrder(
                new Budget(BudgetScope.global(), BudgetPeriod.MONTH, Money.usd(500), new BigDecimal("0.9")),
                new Budget(BudgetScope.team("research"), BudgetPeriod.DAY, Money.usd(50), new BigDecimal("0.9")),
                new Budget(BudgetScope.route("default"), BudgetPeriod.HOUR, Money.usd(20), new BigDecimal("0.9")));
        assertThat(c.perRequestCaps()).containsEntry(BudgetScope.global(), Money.usd(2));
        assertThat(c.unknownModel()).isInstanceOf(UnknownModelPolicy.DefaultPrice.class);
        // An override of a bundled model keeps what it does not say; a new model needs its limits.
        assertThat(c.priceOverrides().get("gpt-4o-mini").input()).isEqualByComparingTo("0.20");
        assertThat(c.priceOverrides().get("gpt-4o-mini").output()).isEqualByComparingTo("0.60");
        assertThat(c.priceOverrides().get("my-finetune").maxOutputTokens()).isEqualTo(1000);
    }

    @Test
    void withoutTheSectionsTheDefaultsApply() {
        assertThat(read("")).isEqualTo(BillingConfig.DEFAULTS);
        assertThat(BillingConfig.DEFAULTS.unknownModel()).isInstanceOf(UnknownModelPolicy.Refuse.class);
        assertThat(BillingConfig.DEFAULTS.overBudget()).isEqualTo(OverBudgetAction.REFUSE);
    }

    @Test
    void mistakesNameTheLine() {
        assertThatThrownBy(() -> read("budgets:\n  global: [{ usd: 5, period: fortnight }]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 8").hasMessageContaining("period must be");
        assertThatThrownBy(() -> read("budgets:\n  over_budget: downgrade\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("downgrade_to");
        assertThatThrownBy(() -> read("budgets:\n  time_zone: Mars/Olympus\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 8");
        assertThatThrownBy(() -> read("budgets:\n  globl: []\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'globl'");
        assertThatThrownBy(() -> read("pricing:\n  models:\n    new-model: { input: 1, output: 2 }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_output_tokens");
        assertThatThrownBy(() -> read("pricing:\n  unknown_model: { input: 0, output: 0, max_output_tokens: 10 }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not be free");
    }
}
