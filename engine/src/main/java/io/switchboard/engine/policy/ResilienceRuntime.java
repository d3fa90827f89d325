package io.switchboard.engine.policy;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.resilience.AttemptTimeouts;
import io.switchboard.engine.resilience.Deadline;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.RouteSettings;
import io.switchboard.engine.resilience.BreakerState;
import io.switchboard.engine.resilience.ErrorBudget;
import io.switchboard.engine.resilience.PerTarget;
import io.switchboard.engine.resilience.Posture;
import io.switchboard.engine.resilience.RetryBudget;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything storm control remembers between requests: per-target guards (breaker, bulkhead, buckets, retry
 * budget), per-route state (error budget, spill cap), the timeout tiers, and the recent breaker transitions.
 * Shared by the route, admission and timeout policies and read by the admin endpoint. Thread-safe.
 */
public final class ResilienceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ResilienceRuntime.class);
    private static final int TRANSITIONS_KEPT = 200;

    private final GatewayConfig config;
    private final LongSupplier ticker;
    private final Clock clock;
    private final Timers timers;
    private final TierCatalog tiers;
    private final PerTarget<TargetGuards> guards;
    private final PerTarget<RouteState> routes;
    private final Deque<BreakerTransition> transitions = new ArrayDeque<>();

    public ResilienceRuntime(GatewayConfig config, LongSupplier ticker, Clock clock, Timers timers) {
        this.config = config;
        this.ticker = ticker;
        this.clock = clock;
        this.timers = timers;
        this.tiers = new TierCatalog(config);
        this.guards = new PerTarget<>(name -> {
            Target target = parse(name);
            return TargetGuards.create(name, config.resilience().target(target), ticker, clock, this::onTransition);
        });
        this.routes = new PerTarget<>(this::newRoute);
    }

    public TargetGuards guards(Target target) { return guards.get(target.toString()); }

    /** The state of route {@code alias}, or of a plain model name (default settings). */
    public RouteState route(String alias) { return routes.get(alias); }

    /** Targets seen so far, by name. */
    public Map<String, TargetGuards> targets() {
        Map<String, TargetGuards> out = new TreeMap<>();
        guards.targets().forEach(t -> guards.peek(t).ifPresent(g -> out.put(t, g)));
        return out;
    }

    /** Routes seen so far, by name. */
    public Map<String, RouteState> routes() {
        Map<String, RouteState> out = new TreeMap<>();
        routes.targets().forEach(r -> routes.peek(r).ifPresent(s -> out.put(r, s)));
        return out;
    }

    /** The most recent breaker transitions, oldest first. */
    public List<BreakerTransition> transitions() {
        synchronized (transitions) {
            return new ArrayList<>(transitions);
        }
    }

    public GatewayConfig config() { return config; }

    public LongSupplier ticker() { return ticker; }

    public Clock clock() { return clock; }

    public Timers timers() { return timers; }

    public TierCatalog tiers() { return tiers; }

    /** The call's deadline as a {@link Deadline} on this runtime's ticker. */
    public Deadline deadline(Call call) {
        if (call.deadlineNanos() == Long.MAX_VALUE) return Deadline.after(ChronoUnit.FOREVER.getDuration(), ticker);
        return Deadline.after(Duration.ofNanos(Math.max(0, call.deadlineNanos() - ticker.getAsLong())), ticker);
    }

    /** The timeouts of one attempt of {@code call}: its tier's, each cut to what its deadline has left. */
    public AttemptTimeouts attemptTimeouts(Call call) {
        return deadline(call).attemptTimeouts(tiers.of(call));
    }

    private RouteState newRoute(String name) {
        RouteSettings s = config.resilience().route(config.routes().containsKey(name) ? name : null);
        ErrorBudget budget = s.slo() == null ? null : new ErrorBudget(name, s.slo(), ticker, ResilienceRuntime::onPosture);
        return new RouteState(name, s, budget, new RetryBudget(s.spill(), ticker));
    }

    private void onTransition(String target, BreakerState from, BreakerState to) {
        LOG.warn("circuit breaker of {}: {} -> {}", target, from, to);
        synchronized (transitions) {
            transitions.addLast(new BreakerTransition(target, from, to, clock.instant()));
            while (transitions.size() > TRANSITIONS_KEPT) transitions.removeFirst();
        }
    }

    private static void onPosture(String route, Posture from, Posture to) {
        LOG.warn("error budget of route {}: posture {} -> {}", route, from, to);
    }

    private static Target parse(String name) {
        int slash = name.indexOf('/');
        return new Target(name.substring(0, slash), name.substring(slash + 1));
    }
}
