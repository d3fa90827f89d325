package io.switchboard.gateway.resilience;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.FallbackTrigger;
import io.switchboard.engine.config.RouteSettings;
import io.switchboard.engine.policy.BreakerTransition;
import io.switchboard.engine.policy.ResilienceRuntime;
import io.switchboard.engine.policy.RouteState;
import io.switchboard.engine.policy.TargetGuards;
import io.switchboard.engine.resilience.ErrorBudget;
import io.switchboard.core.chain.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /admin/routes} (master key only): each route's tier, fallback triggers, spill allowance and error
 * budget (burn rates over both windows, posture), each target's breaker state, concurrency and buckets, and
 * the recent breaker transitions. Read-only, built from in-memory state on the event loop.
 */
public final class RoutesAdmin {
    public static final String PATH = "/admin/routes";

    private final Switchboard engine;

    public RoutesAdmin(Switchboard engine) { this.engine = engine; }

    public static boolean handles(String path) { return path.equals(PATH); }

    /** Serves an authenticated request; {@code callerId} is what the key authenticator said. */
    public void handle(HttpServerRequest request, String callerId) {
        if (!"master".equals(callerId)) {
            send(request, engine.errors().render(WireFormatId.OPENAI_CHAT, ProviderError.of(ErrorKind.PERMISSION, "The admin API needs the master key.")));
            return;
        }
        if (request.method() != HttpMethod.GET) {
            send(request, engine.errors().render(WireFormatId.OPENAI_CHAT, ProviderError.of(ErrorKind.NOT_FOUND,
                    "Invalid URL (" + request.method() + " " + request.path() + ")")));
            return;
        }
        request.response().setStatusCode(200).putHeader("content-type", "application/json")
                .end(Buffer.buffer(EngineJson.bytes(report(engine.resilience()))));
    }

    /** The report as JSON (also used by tests and the CLI). */
    public static ObjectNode report(ResilienceRuntime runtime) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode routes = root.putObject("routes");
        runtime.config().routes().keySet().forEach(runtime::route);
        runtime.routes().forEach((name, state) -> route(routes.putObject(name), state, runtime));
        ObjectNode targets = root.putObject("targets");
        runtime.targets().forEach((name, guards) -> target(targets.putObject(name), guards));
        var transitions = root.putArray("breaker_transitions");
        for (BreakerTransition t : runtime.transitions()) {
            transitions.addObject().put("target", t.target()).put("from", t.from().name()).put("to", t.to().name())
                    .put("at", t.at().toString());
        }
        return root;
    }

    private static void route(ObjectNode out, RouteState state, ResilienceRuntime runtime) {
        RouteSettings s = state.settings();
        out.put("tier", s.tier() == null ? runtime.tiers().defaultTier().name() : s.tier());
        var triggers = out.putArray("fallback_on");
        for (FallbackTrigger t : FallbackTrigger.values()) if (s.fallbackOn().contains(t)) triggers.add(t.configName());
        out.put("max_spill", s.spill().ratio());
        out.put("spill_available", s.spillUncapped() ? -1 : state.spill().available());
        out.put("max_retries", s.retry().maxRetries());
        ErrorBudget budget = state.errorBudget();
        if (budget == null) {
            out.putNull("error_budget");
            return;
        }
        ObjectNode b = out.putObject("error_budget");
        b.put("availability_objective", s.slo().availabilityObjective());
        b.put("latency_threshold_ms", s.slo().latencyThreshold().toMillis());
        b.put("latency_objective", s.slo().latencyObjective());
        b.put("burn_rate_short", budget.burnRate(ErrorBudget.Window.SHORT));
        b.put("burn_rate_long", budget.burnRate(ErrorBudget.Window.LONG));
        b.put("posture", budget.posture().name());
    }

    private static void target(ObjectNode out, TargetGuards g) {
        out.put("breaker", g.breaker() == null ? "DISABLED" : g.breaker().state().name());
        if (g.bulkhead() != null) out.put("in_flight", g.bulkhead().inFlight()).put("max_concurrent", g.bulkhead().maxConcurrent());
        if (g.limiter() != null) {
            out.put("requests_available", g.limiter().availableRequests()).put("tokens_available", g.limiter().availableTokens());
        }
        out.put("retry_budget_available", g.retryBudget().available());
    }

    private static void send(HttpServerRequest request, Reply.Complete reply) {
        request.response().setStatusCode(reply.status());
        reply.headers().forEach(request.response()::putHeader);
        request.response().end(Buffer.buffer(reply.body()));
    }
}
