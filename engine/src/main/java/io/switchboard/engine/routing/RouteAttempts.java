package io.switchboard.engine.routing;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Reply;
import io.switchboard.engine.config.RouteSettings;
import io.switchboard.engine.policy.AttemptOutcomes;
import io.switchboard.engine.policy.LocalRefusal;
import io.switchboard.engine.policy.ResilienceRuntime;
import io.switchboard.engine.policy.TargetGuards;
import io.switchboard.engine.resilience.AttemptOutcome;
import io.switchboard.engine.resilience.Backoff;
import io.switchboard.engine.resilience.RetryDecision;
import io.switchboard.engine.resilience.RetryPolicy;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * One request's walk over its route's targets. After each attempt: a success (or a stream past its first
 * chunk) ends it; a failure that matches the route's fallback triggers moves on to the next target (a
 * context-length error only to a target with a larger declared window); moving below the top priority
 * spends the route's spill allowance; otherwise a retryable failure may be retried on the same target
 * (backoff with full jitter or the server's hint, the target's retry budget, never past the deadline). No
 * attempt starts without {@code min_attempt} left before the deadline. Runs on timers, never blocks.
 */
final class RouteAttempts {
    private final RoutePlan plan;
    private final Chain chain;
    private final ResilienceRuntime runtime;
    private final RetryPolicy retryPolicy;
    private final CompletableFuture<Attempted> done = new CompletableFuture<>();
    private final Set<String> counted = new HashSet<>();
    private int position;
    private int retriesHere;
    private int upstreamAttempts;
    private boolean spilled;
    private Attempted last;

    /** The final reply or failure, the target that produced it, and how many upstream attempts were made. */
    record Attempted(Reply reply, Throwable failure, AttemptVerdict verdict, RankedTarget target, int upstreamAttempts) {}

    RouteAttempts(RoutePlan plan, Chain chain, ResilienceRuntime runtime, RandomGenerator random) {
        this.plan = plan;
        this.chain = chain;
        this.runtime = runtime;
        RouteSettings s = plan.route().settings();
        this.retryPolicy = new RetryPolicy(s.retry(), new Backoff(s.backoff(), random));
    }

    CompletionStage<Attempted> run() {
        plan.route().spill().onRequest();
        attempt();
        return done;
    }

    private void attempt() {
        RankedTarget candidate = plan.candidates().get(position);
        if (!plan.deadline().canStart(plan.route().settings().retry().minAttemptTime())) {
            finish(last != null ? last : refused(candidate, LocalRefusal.deadline(
                    "less than " + plan.route().settings().retry().minAttemptTime().toMillis() + " ms left before the request deadline")));
            return;
        }
        boolean belowTop = candidate.rank().priority() > plan.candidates().getFirst().rank().priority();
        if (belowTop && !spilled) {
            if (!plan.route().settings().spillUncapped() && !plan.route().spill().tryAcquireRetry()) {
                finish(last);
                return;
            }
            spilled = true;
        }
        TargetGuards guards = runtime.guards(candidate.target());
        if (counted.add(candidate.target().toString())) guards.retryBudget().onRequest();
        Call call = (upstreamAttempts == 0 ? plan.call() : withoutSimulatorHeaders(plan.call())).withTarget(candidate.target());
        chain.proceed(call).whenComplete((reply, failure) -> decide(candidate, guards, reply, failure));
    }

    private void decide(RankedTarget candidate, TargetGuards guards, Reply reply, Throwable failure) {
        AttemptVerdict verdict = AttemptVerdict.of(reply, failure);
        if (verdict.upstreamCalled()) upstreamAttempts++;
        last = new Attempted(reply, failure, verdict, candidate, upstreamAttempts);
        if (verdict.success()) {
            finish(last);
            return;
        }
        RouteSettings settings = plan.route().settings();
        int next = verdict.contextLength() && settings.contextFallback() ? largerWindowAfter(candidate)
                : verdict.trigger() != null && settings.fallbackOn().contains(verdict.trigger()) ? position + 1 : -1;
        if (next >= 0 && next < plan.candidates().size()) {
            position = next;
            retriesHere = 0;
            attempt();
            return;
        }
        AttemptOutcome outcome = AttemptOutcomes.of(reply, failure, runtime.clock());
        if (plan.retries() && outcome != null && !outcome.succeeded()) {
            RetryDecision decision = retryPolicy.decide(outcome, retriesHere, plan.deadline(), guards.retryBudget());
            if (decision.retry()) {
                retriesHere++;
                runtime.timers().schedule(decision.delay(), this::attempt);
                return;
            }
        }
        finish(last);
    }

    /** The next candidate declaring a larger context window than {@code current}; -1 when none or undeclared. */
    private int largerWindowAfter(RankedTarget current) {
        long window = current.rank().contextWindow();
        if (window == 0) return -1;
        for (int i = position + 1; i < plan.candidates().size(); i++) {
            if (plan.candidates().get(i).rank().contextWindow() > window) return i;
        }
        return -1;
    }

    private Attempted refused(RankedTarget candidate, RuntimeException failure) {
        return new Attempted(null, failure, AttemptVerdict.of(null, failure), candidate, upstreamAttempts);
    }

    private void finish(Attempted result) {
        done.complete(result);
    }

    private static Call withoutSimulatorHeaders(Call call) {
        Map<String, String> kept = new LinkedHashMap<>(call.headers());
        if (!kept.keySet().removeIf(name -> name.startsWith("x-sim-"))) return call;
        return call.toBuilder().headers(kept).build();
    }
}
