package io.switchboard.engine.billing;

import io.switchboard.engine.cost.BudgetEvent;
import io.switchboard.engine.cost.BudgetListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs soft and hard limits crossed, once per budget window: the operator's event feed. Holds no secrets. */
final class BudgetEventLog implements BudgetListener {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetEventLog.class);

    @Override
    public void onEvent(BudgetEvent event) {
        String budget = event.budget().scope() + " " + event.budget().period().name().toLowerCase() + " budget of "
                + event.budget().limit();
        switch (event) {
            case BudgetEvent.SoftLimitCrossed s -> LOG.warn("soft limit: {} is at {} (warning from {})", budget, s.spent(),
                    event.budget().softLimit());
            case BudgetEvent.LimitReached r -> LOG.warn("limit reached: {} is at {}; calls are refused until it resets", budget, r.spent());
        }
    }
}
