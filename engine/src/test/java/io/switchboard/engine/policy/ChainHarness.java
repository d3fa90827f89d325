package io.switchboard.engine.policy;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.PolicyChain;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Stage;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.resilience.TickerClock;
import io.switchboard.engine.routing.ModelRouter;
import io.switchboard.engine.routing.RoutePolicy;
import io.switchboard.providers.WireFormats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's routing and storm-control chain (route, admission, timeout) over a {@link ScriptedTransport},
 * on {@link ManualTime}: deterministic, no network, no sleeping.
 */
public final class ChainHarness {
    public static final String PROVIDERS = """
            providers:
              openai:    { base_url: "http://127.0.0.1:9/v1", api_key: k }
              anthropic: { base_url: "http://127.0.0.1:9", api_key: k }
            """;

    public final ManualTime time = new ManualTime();
    public final ScriptedTransport transport = new ScriptedTransport();
    public final GatewayConfig config;
    public final ResilienceRuntime runtime;
    public final PolicyChain chain;

    /** {@code yaml} is appended to {@link #PROVIDERS}. */
    public ChainHarness(String yaml, long seed) {
        config = GatewayConfig.parse(PROVIDERS + yaml, "test.yaml", Map.of());
        runtime = new ResilienceRuntime(config, time, new TickerClock(time, Instant.parse("2026-03-01T09:00:00Z")), time);
        PolicyChain.Builder b = PolicyChain.builder()
                .add(Stage.ROUTE, new RoutePolicy(new ModelRouter(config), runtime, new ErrorReplies(WireFormats::of), new SplittableRandom(seed)))
                .add(Stage.TRANSPORT, transport);
        ResiliencePolicies.perAttempt(runtime).forEach(e -> b.add(e.getKey(), e.getValue()));
        chain = b.build();
    }

    public Call call(String model) { return call(model, Map.of()); }

    public Call call(String model, Map<String, String> headers) {
        byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        return Call.builder().clientFormat(WireFormatId.OPENAI_CHAT).requestId("req_test").model(model).body(null, body)
                .headers(headers).deadlineNanos(time.getAsLong() + Duration.ofMinutes(10).toNanos()).build();
    }

    public CompletableFuture<Reply> start(Call call) { return chain.execute(call).toCompletableFuture(); }

    /** Runs a call that needs no time to pass. */
    public Reply run(String model) {
        CompletableFuture<Reply> f = start(call(model));
        if (!f.isDone()) throw new AssertionError("the call is waiting on a timer; use start() and advance time");
        return f.join();
    }
}
