package io.switchboard.engine.billing;

import io.switchboard.engine.cost.BudgetBook;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.BudgetStanding;
import io.switchboard.engine.cost.BudgetStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The cost headers on every metered answer, so clients see what they spend without asking the admin API.
 * Amounts are plain decimal US dollars.
 */
public final class CostHeaders {
    /** What the call cost (complete answers; 0 for an answer that failed upstream or was refused). */
    public static final String COST = "x-switchboard-cost-usd";
    /** The most a streamed call can cost, held until its final usage event settles it. */
    public static final String RESERVED = "x-switchboard-cost-reserved-usd";
    /** The least any budget of the caller (key, team, route, global, per-request cap) has left. */
    public static final String REMAINING = "x-switchboard-budget-remaining-usd";
    /** Present once a budget of the caller has passed its soft limit: which, and how far. */
    public static final String WARNING = "x-switchboard-budget-warning";
    /** The output limit the call was lowered to so it fits the budget ({@code over_budget: clamp_max_tokens}). */
    public static final String CLAMPED = "x-switchboard-max-tokens-clamped";
    /** The model the client asked for, when the call went to {@code downgrade_to} instead. */
    public static final String DOWNGRADED = "x-switchboard-downgraded-from";
    /** Tells the OpenAI and Anthropic SDKs not to retry a budget refusal: retrying cannot succeed. */
    public static final String SHOULD_RETRY = "x-should-retry";

    private CostHeaders() {}

    /** Appends {@link #REMAINING} and, past a soft limit, {@link #WARNING} for {@code scopes} to {@code headers}, as name, value pairs. */
    static void addBudgetState(List<String> headers, BudgetBook book, Set<BudgetScope> scopes) {
        BudgetStanding standing = book.standing(scopes);
        if (standing.headroom().isPresent()) Collections.addAll(headers, REMAINING, standing.headroom().get().toPlainString());
        String warning = warning(standing);
        if (warning != null) Collections.addAll(headers, WARNING, warning);
    }

    /** e.g. {@code key:vk_1 day 85% used ($21.25 of $25.00)}; several budgets are joined with "; ". */
    static String warning(BudgetStanding standing) {
        if (standing.pastSoftLimit().isEmpty()) return null;
        List<String> over = new ArrayList<>();
        for (BudgetStatus s : standing.pastSoftLimit()) {
            BigDecimal pct = s.spent().amount().multiply(BigDecimal.valueOf(100))
                    .divide(s.budget().limit().amount(), 0, RoundingMode.FLOOR);
            over.add(s.budget().scope() + " " + s.budget().period().name().toLowerCase() + " " + pct + "% used ("
                    + s.spent() + " of " + s.budget().limit() + ")");
        }
        return String.join("; ", over);
    }
}
