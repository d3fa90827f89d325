package io.switchboard.engine.cost;

import java.time.Instant;

/** Past spend, as a {@link BudgetBook} needs it to rebuild its windows after a restart. */
@FunctionalInterface
public interface SpendHistory {

    /** Total settled cost for {@code scope} at or after {@code since}. May block (it reads storage). */
    Money spendSince(BudgetScope scope, Instant since);
}
