package io.switchboard.engine;

import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.PolicyChain;
import io.switchboard.core.chain.Stage;
import java.util.List;
import java.util.Map;

/**
 * The one place the engine's policy chain is assembled. Order is fixed by {@link Stage}: auth &rarr;
 * budget &rarr; rate limit &rarr; route &rarr; breaker &rarr; retry &rarr; timeout &rarr; transport.
 * The engine itself supplies route ({@link io.switchboard.engine.routing.RoutePolicy}), breaker and timeout
 * ({@link io.switchboard.engine.policy.ResiliencePolicies}, passed in with the extras) and
 * transport ({@link io.switchboard.engine.transport.HttpTransport}); the gateway authenticates before a
 * call exists. Other policies come in through {@link Switchboard.Builder#policy(Stage, Policy)}: a policy
 * at ROUTE or TRANSPORT replaces the default one, at any other stage it is added.
 */
final class EngineChain {
    private EngineChain() {}

    static PolicyChain assemble(Policy route, Policy transport, List<Map.Entry<Stage, Policy>> extra) {
        PolicyChain.Builder b = PolicyChain.builder().add(Stage.ROUTE, route).add(Stage.TRANSPORT, transport);
        for (Map.Entry<Stage, Policy> e : extra) {
            if (e.getKey() == Stage.ROUTE || e.getKey() == Stage.TRANSPORT) b.replace(e.getKey(), e.getValue());
            else b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }
}
