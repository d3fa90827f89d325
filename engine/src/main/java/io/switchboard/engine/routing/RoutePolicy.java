package io.switchboard.engine.routing;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.config.RouteSettings;
import io.switchboard.engine.policy.LocalRefusal;
import io.switchboard.engine.policy.ResilienceRuntime;
import io.switchboard.engine.policy.RouteState;
import io.switchboard.engine.policy.TierCatalog;
import io.switchboard.engine.resilience.Deadline;
import io.switchboard.engine.resilience.Posture;
import io.switchboard.engine.resilience.TimeoutTier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * The {@link io.switchboard.core.chain.Stage#ROUTE} policy: resolves the model or alias to ranked targets,
 * settles the request's timeout tier and its one deadline, applies the route's error-budget posture, and
 * walks the targets ({@link RouteAttempts}). Every answer, error or not, carries {@value #TARGET_HEADER} and
 * {@value #ATTEMPTS_HEADER}; an error after more than one upstream attempt carries
 * {@code x-should-retry: false}, because the gateway has already retried and an SDK retrying on top would
 * multiply the load.
 */
public final class RoutePolicy implements Policy {
    public static final String TARGET_HEADER = "x-switchboard-target";
    public static final String ATTEMPTS_HEADER = "x-switchboard-attempts";
    public static final String SHOULD_RETRY_HEADER = "x-should-retry";
    /** Request header marking traffic that may be shed while the route burns its error budget. */
    public static final String PRIORITY_HEADER = "x-switchboard-priority";

    private final ModelRouter router;
    private final ResilienceRuntime runtime;
    private final ErrorReplies errors;
    private final TargetRanking ranking;
    private final RandomGenerator random;

    public RoutePolicy(ModelRouter router, ResilienceRuntime runtime, ErrorReplies errors, RandomGenerator random) {
        this.router = router;
        this.runtime = runtime;
        this.errors = errors;
        this.random = random;
        this.ranking = new TargetRanking(random);
    }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        long start = runtime.ticker().getAsLong();
        RoutePlan plan;
        try {
            plan = plan(call, start);
        } catch (ProviderException e) {
            return CompletableFuture.completedFuture(errors.render(call.clientFormat(), e.error()));
        }
        return new RouteAttempts(plan, chain, runtime, random).run().thenApply(result -> answer(call, plan, result));
    }

    private RoutePlan plan(Call call, long start) {
        List<Target> targets = targets(call);
        String routeName = routeName(call);
        RouteState route = runtime.route(routeName);
        RouteSettings settings = route.settings();
        Posture posture = route.errorBudget() == null ? Posture.NORMAL : route.errorBudget().posture();
        if (reaches(route, posture, Posture.SHED_LOW_PRIORITY) && "low".equalsIgnoreCase(call.header(PRIORITY_HEADER))) {
            throw LocalRefusal.shed(routeName);
        }
        TimeoutTier tier = tier(call, settings);
        if (reaches(route, posture, Posture.FASTER_TIER) && settings.fasterTier() != null) {
            tier = runtime.tiers().named(settings.fasterTier()).orElse(tier);
        }
        long deadlineNanos = Math.min(call.deadlineNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : call.deadlineNanos() - start,
                tier.total().toNanos());
        Deadline deadline = Deadline.after(Duration.ofNanos(Math.max(0, deadlineNanos)), runtime.ticker());
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.put(TierCatalog.HEADER, tier.name());
        Call planned = call.toBuilder().headers(headers).deadlineNanos(start + Math.max(0, deadlineNanos)).build();
        List<RankedTarget> candidates = ranking.order(targets, call.relay() == null ? settings : RouteSettings.DEFAULTS);
        return new RoutePlan(planned, route, candidates, tier, deadline, !reaches(route, posture, Posture.STOP_RETRIES), start);
    }

    private Reply answer(Call call, RoutePlan plan, RouteAttempts.Attempted result) {
        long latency = runtime.ticker().getAsLong() - plan.startNanos();
        if (plan.route().errorBudget() != null && (result.verdict().success() || result.verdict().countsAgainstSlo())) {
            plan.route().errorBudget().record(result.verdict().success(), Duration.ofNanos(latency));
        }
        Reply reply = result.reply() != null ? result.reply() : errors.render(call.clientFormat(), ErrorReplies.errorOf(result.failure()));
        String target = result.target().target().toString();
        String attempts = Integer.toString(result.upstreamAttempts());
        return !result.verdict().success() && result.upstreamAttempts() > 1
                ? reply.withHeaders(TARGET_HEADER, target, ATTEMPTS_HEADER, attempts, SHOULD_RETRY_HEADER, "false")
                : reply.withHeaders(TARGET_HEADER, target, ATTEMPTS_HEADER, attempts);
    }

    /** A posture applies with everything milder: burning fast enough to shed also stops retries. */
    private static boolean reaches(RouteState route, Posture current, Posture wanted) {
        if (current == Posture.NORMAL || route.settings().slo() == null) return false;
        return route.settings().slo().threshold(current) >= route.settings().slo().threshold(wanted);
    }

    private TimeoutTier tier(Call call, RouteSettings settings) {
        String asked = call.header(TierCatalog.HEADER);
        if (asked != null) {
            return runtime.tiers().named(asked.strip()).orElseThrow(() -> ProviderException.invalid(
                    "unknown timeout tier '" + asked.strip() + "' in header " + TierCatalog.HEADER, TierCatalog.HEADER));
        }
        return settings.tier() == null ? runtime.tiers().defaultTier() : runtime.tiers().named(settings.tier()).orElseThrow();
    }

    private String routeName(Call call) {
        if (call.model() != null) return call.model();
        return "relay:" + call.relay().providerKind();
    }

    private List<Target> targets(Call call) {
        if (call.relay() == null) return router.resolve(call.model(), null);
        String kind = call.relay().providerKind();
        return call.model() == null ? List.of(router.anyOfKind(kind)) : router.resolve(call.model(), kind);
    }
}
