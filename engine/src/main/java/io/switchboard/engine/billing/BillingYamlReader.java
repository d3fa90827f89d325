package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.ModelPrice;
import io.switchboard.engine.cost.PriceCatalog;
import io.switchboard.engine.cost.UnknownModelPolicy;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads the {@code budgets:} and {@code pricing:} sections (docs/cost.md) into a {@link BillingConfig}.
 * Every key and value is checked; a problem is reported through {@code fail(jsonPointer, message)}, which the
 * config reader turns into an error naming the file and line.
 */
public final class BillingYamlReader {
    private final BiFunction<String, String, ? extends RuntimeException> fail;

    private BillingYamlReader(BiFunction<String, String, ? extends RuntimeException> fail) { this.fail = fail; }

    /** {@code budgets} and {@code pricing} may each be null (absent). */
    public static BillingConfig read(JsonNode budgets, JsonNode pricing, BiFunction<String, String, ? extends RuntimeException> fail) {
        BillingYamlReader r = new BillingYamlReader(fail);
        BillingConfig.Builder b = BillingConfig.builder();
        if (pricing != null) r.pricing(pricing, b);
        if (budgets != null) r.budgets(budgets, b);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw fail.apply("/budgets", e.getMessage());
        }
    }

    private void pricing(JsonNode node, BillingConfig.Builder b) {
        String at = "/pricing";
        mapping(node, at, "unknown_model", "models");
        JsonNode unknown = node.get("unknown_model");
        if (unknown != null) {
            if (unknown.isTextual() && unknown.textValue().equals("refuse")) b.unknownModel(UnknownModelPolicy.refuse());
            else if (unknown.isObject()) {
                try {
                    b.unknownModel(UnknownModelPolicy.defaultPrice(price(unknown, at + "/unknown_model", null)));
                } catch (IllegalArgumentException e) {
                    throw fail.apply(at + "/unknown_model", e.getMessage());
                }
            } else throw fail.apply(at + "/unknown_model", "unknown_model must be 'refuse' or a price {input, output, max_output_tokens}");
        }
        JsonNode models = node.get("models");
        if (models != null) {
            mapping(models, at + "/models");
            PriceCatalog bundled = PriceCatalog.bundled();
            models.properties().forEach(e -> b.price(e.getKey(),
                    price(e.getValue(), at + "/models/" + e.getKey(), bundled.find(e.getKey()))));
        }
    }

    /** A price; fields left out keep the bundled price of the same model, if there is one. */
    private ModelPrice price(JsonNode node, String at, Optional<ModelPrice> base) {
        mapping(node, at, "input", "output", "cached_input", "cache_write_5m", "cache_write_1h", "batch_multiplier",
                "max_output_tokens", "context_window");
        ModelPrice was = base == null ? null : base.orElse(null);
        ModelPrice.Builder p = ModelPrice.builder();
        p.input(decimal(node, at, "input", was == null ? null : was.input()).toPlainString());
        p.output(decimal(node, at, "output", was == null ? null : was.output()).toPlainString());
        p.cachedInput(decimal(node, at, "cached_input", was == null ? decimal(node, at, "input", null) : was.cachedInput()).toPlainString());
        p.cacheWrite5m(decimal(node, at, "cache_write_5m", was == null ? decimal(node, at, "input", null) : was.cacheWrite5m()).toPlainString());
        BigDecimal write1h = node.has("cache_write_1h") ? decimal(node, at, "cache_write_1h", null) : was == null ? null : was.cacheWrite1h();
        if (write1h != null) p.cacheWrite1h(write1h.toPlainString());
        p.batchMultiplier(decimal(node, at, "batch_multiplier", was == null ? new BigDecimal("0.5") : was.batchMultiplier()).toPlainString());
        p.maxOutputTokens((int) integer(node, at, "max_output_tokens", was == null ? null : (long) was.maxOutputTokens()));
        p.contextWindow((int) integer(node, at, "context_window", was == null ? 0L : (long) was.contextWindow()));
        try {
            return p.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw fail.apply(at, e.getMessage());
        }
    }

    private void budgets(JsonNode node, BillingConfig.Builder b) {
        String at = "/budgets";
        mapping(node, at, "time_zone", "soft_limit", "over_budget", "downgrade_to", "global", "teams", "routes");
        if (node.has("time_zone")) {
            try {
                b.zone(ZoneId.of(text(node, at, "time_zone")));
            } catch (DateTimeException e) {
                throw fail.apply(at + "/time_zone", "time_zone must be a region id such as Europe/Paris or UTC: " + e.getMessage());
            }
        }
        BigDecimal soft = Budget.DEFAULT_SOFT_LIMIT_FRACTION;
        if (node.has("soft_limit")) {
            soft = decimal(node, at, "soft_limit", null);
            if (soft.signum() <= 0 || soft.compareTo(BigDecimal.ONE) > 0) throw fail.apply(at + "/soft_limit", "soft_limit must be in (0, 1], e.g. 0.8");
            b.softLimitFraction(soft);
        }
        if (node.has("over_budget")) {
            String action = text(node, at, "over_budget");
            OverBudgetAction a = switch (action) {
                case "refuse" -> OverBudgetAction.REFUSE;
                case "clamp_max_tokens" -> OverBudgetAction.CLAMP_MAX_TOKENS;
                case "downgrade" -> OverBudgetAction.DOWNGRADE;
                default -> throw fail.apply(at + "/over_budget", "over_budget must be refuse, clamp_max_tokens or downgrade, got '" + action + "'");
            };
            b.overBudget(a, node.has("downgrade_to") ? text(node, at, "downgrade_to") : null);
        } else if (node.has("downgrade_to")) {
            throw fail.apply(at + "/downgrade_to", "downgrade_to needs over_budget: downgrade");
        }
        if (node.has("global")) limits(node.get("global"), at + "/global", BudgetScope.global(), soft, b);
        scoped(node.get("teams"), at + "/teams", BudgetScope::team, soft, b);
        scoped(node.get("routes"), at + "/routes", BudgetScope::route, soft, b);
    }

    private void scoped(JsonNode node, String at, java.util.function.Function<String, BudgetScope> scope, BigDecimal soft,
                        BillingConfig.Builder b) {
        if (node == null) return;
        mapping(node, at);
        node.properties().forEach(e -> limits(e.getValue(), at + "/" + e.getKey(), scope.apply(e.getKey()), soft, b));
    }

    /** A list of {@code {usd, period}} budgets and {@code {per_request_usd}} caps for one scope. */
    private void limits(JsonNode list, String at, BudgetScope scope, BigDecimal soft, BillingConfig.Builder b) {
        if (!list.isArray()) throw fail.apply(at, "expected a list such as [{usd: 25, period: day}, {per_request_usd: 0.5}]");
        Set<BudgetPeriod> seen = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            String item = at + "/" + i;
            JsonNode n = list.get(i);
            if (n.has("per_request_usd")) {
                mapping(n, item, "per_request_usd");
                b.perRequestCap(scope, positiveUsd(n, item, "per_request_usd"));
                continue;
            }
            mapping(n, item, "usd", "period");
            BudgetPeriod period = period(n, item);
            if (!seen.add(period)) throw fail.apply(item + "/period", "two budgets per " + period.name().toLowerCase(Locale.ROOT) + " for " + scope);
            b.budget(new Budget(scope, period, positiveUsd(n, item, "usd"), soft));
        }
    }

    /** {@code minute}, {@code hour}, {@code day} or {@code month}; shared with the admin API's key budgets. */
    public static Optional<BudgetPeriod> parsePeriod(String text) {
        if (text == null) return Optional.empty();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "minute" -> Optional.of(BudgetPeriod.MINUTE);
            case "hour" -> Optional.of(BudgetPeriod.HOUR);
            case "day" -> Optional.of(BudgetPeriod.DAY);
            case "month" -> Optional.of(BudgetPeriod.MONTH);
            default -> Optional.empty();
        };
    }

    private BudgetPeriod period(JsonNode n, String at) {
        String text = text(n, at, "period");
        return parsePeriod(text).orElseThrow(() -> fail.apply(at + "/period", "period must be minute, hour, day or month, got '" + text + "'"));
    }

    private Money positiveUsd(JsonNode n, String at, String key) {
        BigDecimal v = decimal(n, at, key, null);
        if (v.signum() <= 0) throw fail.apply(at + "/" + key, key + " must be a positive amount of US dollars");
        return Money.usd(v);
    }

    private void mapping(JsonNode node, String at, String... allowed) {
        if (node == null || !node.isObject()) throw fail.apply(at, "expected a mapping");
        if (allowed.length == 0) return;
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ok.contains(key)) throw fail.apply(at + "/" + key, "unknown key '" + key + "' (expected one of " + new TreeSet<>(ok) + ")");
        }
    }

    private String text(JsonNode node, String at, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) throw fail.apply(at + "/" + key, key + " must be a non-empty string");
        return v.textValue().strip();
    }

    private BigDecimal decimal(JsonNode node, String at, String key, BigDecimal dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (dflt == null) throw fail.apply(at, "missing required key '" + key + "'");
            return dflt;
        }
        BigDecimal d;
        if (v.isNumber()) d = v.decimalValue();
        else if (v.isTextual()) {
            try {
                d = new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                throw fail.apply(at + "/" + key, key + " must be a number, got '" + v.textValue() + "'");
            }
        } else throw fail.apply(at + "/" + key, key + " must be a number");
        if (d.signum() < 0) throw fail.apply(at + "/" + key, key + " must not be negative");
        return d;
    }

    private long integer(JsonNode node, String at, String key, Long dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (dflt == null) throw fail.apply(at, "missing required key '" + key + "' (the model is not in the bundled catalog)");
            return dflt;
        }
        if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > Integer.MAX_VALUE) {
            throw fail.apply(at + "/" + key, key + " must be a non-negative integer");
        }
        return v.longValue();
    }
}
