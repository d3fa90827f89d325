package io.switchboard.simulator;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local stand-in for the OpenAI and Anthropic HTTP APIs: same paths, bodies, SSE events, headers and error
 * shapes, with deterministic text, a latency model, rate limits and scriptable faults ({@code x-sim-fault}
 * header or a {@link Scenario}). Point an SDK at {@link #openAiBaseUrl()} or {@link #anthropicBaseUrl()}.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults())) {
 *     OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sim.openAiBaseUrl()).apiKey("sk-test").build();
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimulatorState state;
    private final List<String> deployments;
    private final int port;

    private ProviderSimulator(Vertx vertx, boolean ownsVertx, SimulatorState state, List<String> deployments, int port) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.state = state;
        this.deployments = deployments;
        this.port = port;
    }

    /** Starts on a Vert.x instance of its own, closed with the simulator; returns once listening. */
    public static ProviderSimulator start(SimulatorConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try {
            return start(vertx, config, true);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts on the given Vert.x (left open on close); returns once listening. Do not call from an event loop. */
    public static ProviderSimulator start(Vertx vertx, SimulatorConfig config) {
        return start(vertx, config, false);
    }

    private static ProviderSimulator start(Vertx vertx, SimulatorConfig config, boolean ownsVertx) {
        // Load the tokenizer vocabularies now rather than on an event loop at the first request.
        TokenCounter.count("gpt-4o", "warm up");
        TokenCounter.count("claude-sonnet-4-5", "warm up");
        SimulatorState state = new SimulatorState(config, System::nanoTime);
        List<String> deployments = new ArrayList<>();
        // Instances share one listening socket only when they ask for the same port; for "any free port" Vert.x
        // shares a random port among servers asking for the same negative port.
        int requested = config.port() == 0 ? -1 : config.port();
        List<SimulatorVerticle> instances = new ArrayList<>();
        deployments.add(await(vertx.deployVerticle(() -> {
            SimulatorVerticle v = new SimulatorVerticle(state, requested);
            synchronized (instances) {
                instances.add(v);
            }
            return v;
        }, new DeploymentOptions().setInstances(config.instances()))));
        int port = instances.getFirst().actualPort();
        return new ProviderSimulator(vertx, ownsVertx, state, deployments, port);
    }

    public int port() { return port; }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL OpenAI SDKs expect. */
    public String openAiBaseUrl() { return "http://" + hostForUrl() + ":" + port + "/v1"; }

    /** {@code http://127.0.0.1:PORT}, the base URL Anthropic SDKs expect. */
    public String anthropicBaseUrl() { return "http://" + hostForUrl() + ":" + port; }

    public SimulatorConfig config() { return state.config; }

    /** What the simulator received and answered since start or the last reset. */
    public SimulatorStats stats() { return state.stats.snapshot(); }

    public void resetStats() { state.stats.reset(); }

    /** Replaces the active scenario; rule durations count from now (by the configured clock). */
    public void setScenario(Scenario scenario) { state.scenario.set(scenario); }

    public void clearScenario() { state.scenario.clear(); }

    @Override
    public void close() {
        for (String id : deployments) {
            try {
                await(vertx.undeploy(id));
            } catch (RuntimeException ignored) {
                // Already undeployed (e.g. the Vert.x instance was closed first).
            }
        }
        deployments.clear();
        if (ownsVertx) await(vertx.close());
    }

    private String hostForUrl() {
        String host = state.config.host();
        return host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting/stopping the simulator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulator failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulator did not start/stop within " + START_TIMEOUT_SECONDS + "s", e);
        }
    }
}
