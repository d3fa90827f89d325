package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.cost.BudgetExceeded;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Reservation;
import io.switchboard.engine.routing.ModelRouter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * Admits a call against its budgets: estimates its worst case on every model its route may send it to
 * (a fallback may serve it, so the costliest counts), reserves that in every applicable budget, and when it
 * does not fit applies the configured {@link OverBudgetAction}. Pure in-memory work, safe on an event loop.
 *
 * <p>Two precisions: first a bound that tokenizes nothing ({@link io.switchboard.engine.cost.CostEstimator#boundJson}),
 * held only while every budget (and the key's token bucket) has room for {@link #SLACK} such calls; near a
 * limit the tokenizer's tight estimate (about 100 µs per kilobyte of prompt) decides. So refusals
 * are exactly as before, and a call far from every limit costs no tokenizing.
 */
final class BudgetGate {
    /** How many bound-sized calls every budget must still have room for before a bound is held instead of an estimate. */
    static final int SLACK = 64;

    private final Billing billing;
    private final ModelRouter router;

    BudgetGate(Billing billing, ModelRouter router) {
        this.billing = billing;
        this.router = router;
    }

    /**
     * @throws BudgetExceeded when the call does not fit, even after the configured action
     * @throws io.switchboard.engine.cost.UnknownModelException when a target model has no price and the policy refuses
     * @throws io.switchboard.core.model.ProviderException when the model names nothing the gateway serves
     */
    Admission admit(Call call, Set<BudgetScope> scopes, long bodyBytes, LongPredicate roomForBoundTokens) {
        if (call.body() != null) {
            long bytes = bodyBytes >= 0 ? bodyBytes : call.body().toString().getBytes(StandardCharsets.UTF_8).length;
            Map<String, Estimate> bounds = estimate(call, m -> billing.estimator().boundJson(m, call.body(), bytes));
            Estimate worst = costliest(bounds);
            if (roomForBoundTokens.test(worst.inputTokens() + worst.outputTokens())) {
                Optional<Reservation> held = billing.book().reserveWithSlack(scopes, worst.worstCase(), SLACK);
                if (held.isPresent()) return new Admission(call, held.get(), bounds, worst, null, true);
            }
        }
        Map<String, Estimate> estimates = estimate(call);
        Estimate worst = costliest(estimates);
        try {
            return new Admission(call, billing.book().reserve(scopes, worst.worstCase()), estimates, worst, null, false);
        } catch (BudgetExceeded refused) {
            return switch (billing.config().overBudget()) {
                case REFUSE -> throw refused;
                case CLAMP_MAX_TOKENS -> clamp(call, scopes, estimates, refused);
                case DOWNGRADE -> downgrade(call, scopes, refused);
            };
        }
    }

    private Admission clamp(Call call, Set<BudgetScope> scopes, Map<String, Estimate> estimates, BudgetExceeded refused) {
        if (call.body() == null) throw refused;
        long affordable = Long.MAX_VALUE;
        for (Estimate e : estimates.values()) {
            affordable = Math.min(affordable, billing.book().clampMaxTokens(scopes, e.inputCost(),
                    billing.catalog().price(e.model()), (int) Math.min(Integer.MAX_VALUE, e.outputTokens())));
        }
        if (affordable < MaxTokensField.minimum(call.clientFormat())) throw refused;
        ObjectNode body = MaxTokensField.withLimit(call.clientFormat(), call.body(), (int) affordable);
        Call clamped = call.toBuilder().body(body, null).build();
        Map<String, Estimate> again = estimate(clamped);
        Estimate worst = costliest(again);
        Reservation r = billing.book().reserve(scopes, worst.worstCase());
        return new Admission(clamped, r, again, worst, new Admission.Adjustment(CostHeaders.CLAMPED, Long.toString(affordable)), false);
    }

    private Admission downgrade(Call call, Set<BudgetScope> scopes, BudgetExceeded refused) {
        String cheaper = billing.config().downgradeTo();
        if (cheaper.equals(call.model()) || call.body() == null) throw refused;
        ObjectNode body = call.body().deepCopy().put("model", cheaper);
        Call downgraded = call.toBuilder().body(body, null).model(cheaper).build();
        Map<String, Estimate> estimates = estimate(downgraded);
        Estimate worst = costliest(estimates);
        Reservation r = billing.book().reserve(scopes, worst.worstCase());
        return new Admission(downgraded, r, estimates, worst, new Admission.Adjustment(CostHeaders.DOWNGRADED, call.model()), false);
    }

    private Map<String, Estimate> estimate(Call call) {
        return estimate(call, m -> billing.estimator().estimateJson(m, call.body()));
    }

    /** {@code perModel} of every model the call's route may send it to. */
    private Map<String, Estimate> estimate(Call call, Function<String, Estimate> perModel) {
        Map<String, Estimate> byModel = new LinkedHashMap<>();
        for (Target t : router.resolve(call.model(), null)) byModel.computeIfAbsent(t.model(), perModel);
        return byModel;
    }

    private static Estimate costliest(Map<String, Estimate> estimates) {
        Estimate worst = null;
        for (Estimate e : estimates.values()) if (worst == null || e.worstCase().greaterThan(worst.worstCase())) worst = e;
        return worst;
    }
}
