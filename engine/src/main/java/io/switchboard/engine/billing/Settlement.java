package io.switchboard.engine.billing;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.Usage;
import io.switchboard.engine.cost.Cost;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.Reservation;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.engine.cost.UnknownModelException;
import io.switchboard.engine.resilience.TokenReservation;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes one call's {@link Reservation} exactly once, whichever comes first of a complete answer, the end of
 * a stream, a failure or a client disconnect, and queues the ledger row. Thread-safe.
 *
 * <p>Usage the provider reported is billed as is, even above the reserved worst case (the money is spent).
 * Usage the gateway had to estimate (a stream cut before its usage event) is capped at the reservation: the
 * estimate is ours, and the reservation is what the budgets agreed to.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final Billing billing;
    private final Admission admission;
    private final Call call;
    private final String team;
    private final String route;
    private final TokenReservation rate;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code rate} is the key's rate-limit reservation, or null. */
    Settlement(Billing billing, Admission admission, TokenReservation rate, String team, String route) {
        this.billing = billing;
        this.rate = rate;
        this.admission = admission;
        this.call = admission.call();
        this.team = team;
        this.route = route;
    }

    Admission admission() { return admission; }

    /** Drops the hold without spend: the call failed before anything was billed. */
    void release() {
        if (!closed.compareAndSet(false, true)) return;
        billing.book().release(admission.reservation());
        if (rate != null) rate.settle(0); // the request was made; its tokens were not used
    }

    /**
     * Settles at what {@code usage} costs on {@code target}. {@code reported} says the provider counted it;
     * otherwise it is the gateway's estimate. Returns the amount settled.
     */
    Money settle(Target target, Usage usage, boolean reported) {
        if (!closed.compareAndSet(false, true)) return Money.ZERO;
        Money amount;
        Cost cost;
        try {
            cost = billing.catalog().cost(target.model(), usage, false);
            amount = reported ? cost.total() : Money.min(cost.total(), admission.reservation().amount());
        } catch (UnknownModelException e) {
            // Only reachable if the route served a model the estimate never saw; bill the hold rather than nothing.
            amount = admission.reservation().amount();
        }
        billing.book().settle(admission.reservation(), amount);
        if (rate != null) rate.settle(usage.totalTokens());
        billing.record(SpendRecord.builder().requestId(call.requestId()).keyId(call.keyId())
                .team(team).route(route).provider(target.provider()).model(target.model()).usage(usage).cost(amount)
                .at(billing.clock().instant()).build());
        if (!reported) LOG.info("{} settled from an estimate ({} in, {} out tokens): {}", call.requestId(),
                usage.inputTokens(), usage.outputTokens(), amount);
        return amount;
    }

    /**
     * The estimate to bill from when the provider reported no usage: the one made for {@code model}, or the
     * costliest when the route served a model not estimated. A bound held at admission is replaced by the
     * tokenizer's estimate here, on this rare path, so nobody is billed for the bound's slack.
     */
    Estimate estimateFor(String model) {
        if (admission.bounded() && admission.call().body() != null) {
            try {
                return billing.estimator().estimateJson(model, admission.call().body());
            } catch (RuntimeException unpriced) {
                // Fall back to what was held.
            }
        }
        Estimate e = admission.estimates().get(model);
        return e != null ? e : admission.worst();
    }
}
