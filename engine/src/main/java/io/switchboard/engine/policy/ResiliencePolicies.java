package io.switchboard.engine.policy;

import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Stage;
import java.util.List;
import java.util.Map;

/** The per-attempt storm-control policies, at their stages, for the engine's chain. */
public final class ResiliencePolicies {
    private ResiliencePolicies() {}

    /** Admission (buckets, breaker, bulkhead) at BREAKER and the tier's timeouts at TIMEOUT. */
    public static List<Map.Entry<Stage, Policy>> perAttempt(ResilienceRuntime runtime) {
        return List.of(Map.entry(Stage.BREAKER, new TargetAdmissionPolicy(runtime)),
                Map.entry(Stage.TIMEOUT, new AttemptTimeoutPolicy(runtime)));
    }
}
