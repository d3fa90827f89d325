package io.switchboard.simulator;

import java.time.Duration;

/**
 * One scenario rule: which requests it selects and the fault it injects.
 *
 * @param provider     selects one provider; null selects both
 * @param model        model glob; {@code *} selects every request, even one without a model
 * @param fault        what to inject
 * @param rate         fraction of selected requests that get the fault, in [0, 1]
 * @param retryAfterMs overrides the {@code retry-after}/{@code retry-after-ms} headers of a status fault; null = default
 * @param duration     how long the rule lives from when the scenario was set; null = until cleared
 */
public record ScenarioRule(Provider provider, Glob model, Fault fault, double rate, Long retryAfterMs, Duration duration) {

    public ScenarioRule {
        if (model == null) model = Glob.of("*");
        if (fault == null) throw new IllegalArgumentException("rule needs a fault");
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be between 0 and 1, got " + rate);
        if (retryAfterMs != null && retryAfterMs < 0) throw new IllegalArgumentException("retry_after_ms must be >= 0");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration_s must be > 0");
        }
    }

    /** Whether this rule selects a request of {@code provider} for {@code modelName} (which may be null). */
    public boolean selects(Provider requestProvider, String modelName) {
        return (provider == null || provider == requestProvider) && model.matches(modelName);
    }
}
