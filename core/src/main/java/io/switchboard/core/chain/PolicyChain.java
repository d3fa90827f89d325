package io.switchboard.core.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An immutable stack of {@link Policy policies} run in {@link Stage} order, whatever order they were added
 * in: auth &rarr; budget &rarr; rate limit &rarr; route &rarr; breaker &rarr; retry &rarr; timeout &rarr;
 * transport. Policies of the same stage run in the order they were added. Exactly one
 * {@link Stage#TRANSPORT} policy ends the chain.
 *
 * <pre>{@code
 * PolicyChain chain = PolicyChain.builder()
 *         .add(Stage.ROUTE, routePolicy)
 *         .add(Stage.TRANSPORT, transport)
 *         .build();
 * chain.execute(call);
 * }</pre>
 */
public final class PolicyChain {
    private final List<Stage> stages;
    private final List<Policy> policies;

    private PolicyChain(List<Stage> stages, List<Policy> policies) {
        this.stages = stages;
        this.policies = policies;
    }

    public static Builder builder() { return new Builder(); }

    /** The stage of each policy, in execution order. */
    public List<Stage> stages() { return stages; }

    /** Runs {@code call} through every policy. Never throws: failures complete the stage exceptionally. */
    public CompletionStage<Reply> execute(Call call) { return new Cursor(0).proceed(call); }

    /** The chain as seen from policy {@code index}: proceeding runs policy {@code index}. */
    private final class Cursor implements Chain {
        private final int index;

        Cursor(int index) { this.index = index; }

        @Override
        public CompletionStage<Reply> proceed(Call call) {
            if (index >= policies.size()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the transport policy called proceed()"));
            }
            try {
                return Objects.requireNonNull(policies.get(index).apply(call, new Cursor(index + 1)),
                        "policy at stage " + stages.get(index) + " returned null");
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public Stage nextStage() { return index < stages.size() ? stages.get(index) : null; }
    }

    public static final class Builder {
        private final Map<Stage, List<Policy>> byStage = new EnumMap<>(Stage.class);

        /** Appends {@code policy} at {@code stage}, after any policy already there. */
        public Builder add(Stage stage, Policy policy) {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(policy, "policy");
            byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(policy);
            return this;
        }

        /** Replaces whatever sits at {@code stage} with {@code policy} (e.g. a richer route policy). */
        public Builder replace(Stage stage, Policy policy) {
            byStage.remove(stage);
            return add(stage, policy);
        }

        public PolicyChain build() {
            List<Policy> transport = byStage.getOrDefault(Stage.TRANSPORT, List.of());
            if (transport.size() != 1) {
                throw new IllegalStateException("a chain needs exactly one TRANSPORT policy, got " + transport.size());
            }
            List<Stage> stages = new ArrayList<>();
            List<Policy> policies = new ArrayList<>();
            byStage.forEach((stage, list) -> list.forEach(p -> {
                stages.add(stage);
                policies.add(p);
            }));
            return new PolicyChain(Collections.unmodifiableList(stages), List.copyOf(policies));
        }
    }
}
