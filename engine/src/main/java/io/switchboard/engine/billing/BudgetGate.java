package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.cost.BudgetExceeded;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Reservation;
import io.switchboard.engine.routing.ModelRouter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Admits a call against its budgets: estimates its worst case on every model its route may send it to
 * (a fallback may serve it, so the costliest counts), reserves that in every applicable budget, and when it
 * does not fit applies the configured {@link OverBudgetAction}. Pure in-memory work, safe on an event loop
 * (tokenising is about a millisecond per 10k tokens of prompt).
 */
final class BudgetGate {
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
    Admission admit(Call call, Set<BudgetScope> scopes) {
        Map<String, Estimate> estimates = estimate(call);
        Estimate worst = costliest(estimates);
        try {
            return new Admission(call, billing.book().reserve(scopes, worst.worstCase()), estimates, worst, null);
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
        return new Admission(clamped, r, again, worst, new Admission.Adjustment(CostHeaders.CLAMPED, Long.toString(affordable)));
    }

    private Admission downgrade(Call call, Set<BudgetScope> scopes, BudgetExceeded refused) {
        String cheaper = billing.config().downgradeTo();
        if (cheaper.equals(call.model()) || call.body() == null) throw refused;
        ObjectNode body = call.body().deepCopy().put("model", cheaper);
        Call downgraded = call.toBuilder().body(body, null).model(cheaper).build();
        Map<String, Estimate> estimates = estimate(downgraded);
        Estimate worst = costliest(estimates);
        Reservation r = billing.book().reserve(scopes, worst.worstCase());
        return new Admission(downgraded, r, estimates, worst, new Admission.Adjustment(CostHeaders.DOWNGRADED, call.model()));
    }

    private Map<String, Estimate> estimate(Call call) {
        Map<String, Estimate> byModel = new LinkedHashMap<>();
        for (Target t : router.resolve(call.model(), null)) {
            byModel.computeIfAbsent(t.model(), m -> billing.estimator().estimateJson(m, call.body()));
        }
        return byModel;
    }

    private static Estimate costliest(Map<String, Estimate> estimates) {
        Estimate worst = null;
        for (Estimate e : estimates.values()) if (worst == null || e.worstCase().greaterThan(worst.worstCase())) worst = e;
        return worst;
    }
}
