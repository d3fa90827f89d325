package io.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.resilience.RateLimitConfig;
import io.switchboard.engine.billing.BillingYamlReader;
import io.switchboard.engine.cost.BudgetBook;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.BudgetStatus;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SpendTotal;
import io.switchboard.engine.keys.KeyBudget;
import io.switchboard.engine.keys.KeySpec;
import io.switchboard.engine.keys.RateLimits;
import io.switchboard.engine.keys.VirtualKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The admin API's JSON: a key request ({@code {"name", "team", "budgets": [{"usd", "period"}],
 * "max_cost_per_request_usd", "allowed_models", "allowed_routes", "rate_limits": {"requests_per_minute",
 * "tokens_per_minute"}}}) in, keys and spend totals out. Amounts are JSON numbers of US dollars.
 */
final class KeyJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("name", "team", "budgets", "max_cost_per_request_usd",
            "allowed_models", "allowed_routes", "rate_limits");

    private KeyJson() {}

    /** @throws ProviderException 400 naming the bad field */
    static KeySpec spec(JsonNode body) {
        if (body == null || !body.isObject()) throw ProviderException.invalid("the body must be a JSON object", null);
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw ProviderException.invalid("unknown field '" + f + "'", f);
            }
        }
        KeySpec.Builder b = KeySpec.builder(text(body, "name", true)).team(text(body, "team", false));
        JsonNode budgets = body.path("budgets");
        if (!budgets.isMissingNode() && !budgets.isArray()) throw ProviderException.invalid("budgets must be a list of {usd, period}", "budgets");
        for (JsonNode budget : budgets) {
            BudgetPeriod period = BillingYamlReader.parsePeriod(budget.path("period").asText(null)).orElseThrow(() ->
                    ProviderException.invalid("budgets[].period must be minute, hour, day or month", "budgets"));
            b.budget(new KeyBudget(period, usd(budget.get("usd"), "budgets")));
        }
        if (body.hasNonNull("max_cost_per_request_usd")) b.maxCostPerRequest(usd(body.get("max_cost_per_request_usd"), "max_cost_per_request_usd"));
        b.allowedModels(strings(body, "allowed_models")).allowedRoutes(strings(body, "allowed_routes"));
        JsonNode rates = body.path("rate_limits");
        if (rates.isObject()) {
            b.rateLimits(new RateLimits(count(rates, "requests_per_minute"), count(rates, "tokens_per_minute")));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalid(e.getMessage(), null);
        }
    }

    static ObjectNode issued(String plainKey, VirtualKey key, BudgetBook book) {
        ObjectNode out = describe(key, book);
        out.put("key", plainKey);
        return out;
    }

    /** A key as listed: never its secret. {@code budgets[].spent_usd} is the current period's settled spend. */
    static ObjectNode describe(VirtualKey key, BudgetBook book) {
        ObjectNode out = F.objectNode().put("id", key.id()).put("name", key.name()).put("team", key.team());
        ArrayNode budgets = out.putArray("budgets");
        for (KeyBudget kb : key.spec().budgets()) {
            ObjectNode b = budgets.addObject().put("usd", kb.limit().amount().stripTrailingZeros())
                    .put("period", kb.period().name().toLowerCase());
            for (BudgetStatus s : book.status(BudgetScope.key(key.id()))) {
                if (s.budget().period() != kb.period()) continue;
                b.put("spent_usd", number(s.spent())).put("held_usd", number(s.held())).put("remaining_usd", number(s.remaining()))
                        .put("resets_at", s.window().end().toString());
            }
        }
        out.put("max_cost_per_request_usd", key.maxCostPerRequest() == null ? null : number(key.maxCostPerRequest()));
        key.spec().allowedModels().stream().sorted().forEach(out.putArray("allowed_models")::add);
        key.spec().allowedRoutes().stream().sorted().forEach(out.putArray("allowed_routes")::add);
        out.putObject("rate_limits").put("requests_per_minute", key.spec().rateLimits().requestsPerMinute())
                .put("tokens_per_minute", key.spec().rateLimits().tokensPerMinute());
        out.put("created_at", key.createdAt().toString());
        out.put("rotated_at", text(key.rotatedAt()));
        out.put("revoked_at", text(key.revokedAt()));
        return out;
    }

    static ObjectNode total(SpendTotal t, String groupName) {
        return F.objectNode().put(groupName, t.group()).put("total_usd", number(t.cost())).put("calls", t.calls())
                .put("input_tokens", t.inputTokens()).put("cached_input_tokens", t.cachedInputTokens())
                .put("cache_write_tokens", t.cacheWriteTokens()).put("output_tokens", t.outputTokens());
    }

    static BigDecimal number(Money m) {
        BigDecimal d = m.amount().stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static String text(Instant i) { return i == null ? null : i.toString(); }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ProviderException.invalid("missing required field '" + field + "'", field);
            return null;
        }
        if (!v.isTextual()) throw ProviderException.invalid(field + " must be a string", field);
        return v.textValue();
    }

    private static Money usd(JsonNode v, String field) {
        if (v == null || !v.isNumber() || v.decimalValue().signum() <= 0) {
            throw ProviderException.invalid(field + ": usd must be a positive number of US dollars", field);
        }
        return Money.usd(v.decimalValue());
    }

    private static Set<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw ProviderException.invalid(field + " must be a list of strings", field);
        for (JsonNode s : v) {
            if (!s.isTextual() || s.textValue().isBlank()) throw ProviderException.invalid(field + " must be a list of strings", field);
            out.add(s.textValue());
        }
        return out;
    }

    private static long count(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > RateLimitConfig.MAX_PER_MINUTE) {
            throw ProviderException.invalid("rate_limits." + field + " must be an integer from 0 (unlimited) to "
                    + RateLimitConfig.MAX_PER_MINUTE, "rate_limits");
        }
        return v.longValue();
    }
}
