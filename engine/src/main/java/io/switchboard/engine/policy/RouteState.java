package io.switchboard.engine.policy;

import io.switchboard.engine.config.RouteSettings;
import io.switchboard.engine.resilience.ErrorBudget;
import io.switchboard.engine.resilience.RetryBudget;

/**
 * The live state of one route (or of a plain model name used as one): its settings, its error budget (null
 * without an SLO) and the cap on traffic spilling below its top priority, which reuses the retry budget's
 * "at most a fraction of recent requests" window.
 */
public record RouteState(String name, RouteSettings settings, ErrorBudget errorBudget, RetryBudget spill) {}
