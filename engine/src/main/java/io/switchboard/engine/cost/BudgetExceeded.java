package io.switchboard.engine.cost;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import java.util.Objects;

/**
 * A reservation was refused because one budget cannot cover the worst-case cost. Names the first scope
 * that refused, the period (null for a per-request cap), what was left, and what the call needed.
 * Maps to a 429 with code {@code budget_exceeded}, which clients must not retry blindly
 * ({@link ErrorKind#QUOTA_EXCEEDED} is not retryable), like OpenAI's {@code insufficient_quota}.
 */
public final class BudgetExceeded extends CostException {

    /** Which rule refused. */
    public enum Reason { LIMIT, PER_REQUEST_CAP }

    private final BudgetScope scope;
    private final BudgetPeriod period;
    private final Reason reason;
    private final Money remaining;
    private final Money requested;

    public BudgetExceeded(BudgetScope scope, BudgetPeriod period, Reason reason, Money remaining, Money requested) {
        super(describe(scope, period, reason, remaining, requested));
        this.scope = Objects.requireNonNull(scope, "scope");
        this.period = period;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.remaining = Objects.requireNonNull(remaining, "remaining");
        this.requested = Objects.requireNonNull(requested, "requested");
    }

    public BudgetScope scope() { return scope; }

    /** The budget period that refused, or null when the per-request cap did. */
    public BudgetPeriod period() { return period; }

    public Reason reason() { return reason; }

    /** What the refusing budget had left (or the cap, for {@link Reason#PER_REQUEST_CAP}). */
    public Money remaining() { return remaining; }

    /** The worst-case cost the call asked to reserve. */
    public Money requested() { return requested; }

    @Override
    public ProviderError toProviderError() {
        return ProviderError.of(ErrorKind.QUOTA_EXCEEDED, getMessage()).withCode("budget_exceeded");
    }

    private static String describe(BudgetScope scope, BudgetPeriod period, Reason reason, Money remaining, Money requested) {
        return switch (reason) {
            case LIMIT -> "budget exceeded for " + scope + " (" + period.name().toLowerCase() + "): "
                    + remaining + " remaining, this request may cost up to " + requested;
            case PER_REQUEST_CAP -> "request exceeds the per-request cost cap of " + remaining + " for " + scope
                    + ": it may cost up to " + requested + "; lower max_tokens or shorten the prompt";
        };
    }
}
