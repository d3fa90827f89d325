package io.switchboard.gateway;

import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the engine: OpenAI's and Anthropic's own endpoints on one port, HTTP/1.1 and h2c, so the
 * official SDKs work with only their base URL changed ({@link #openAiBaseUrl()}, {@link #anthropicBaseUrl()}).
 *
 * <pre>{@code
 * // in a test: a simulator plus a gateway on free ports, guarded by a key
 * try (GatewayServer gw = GatewayServer.startOffline(GatewayOptions.builder().masterKey("sk-gw-test").build())) {
 *     OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(gw.openAiBaseUrl()).apiKey("sk-gw-test").build();
 *     AnthropicClient claude = AnthropicOkHttpClient.builder().baseUrl(gw.anthropicBaseUrl()).apiKey("sk-gw-test").build();
 * }
 * }</pre>
 *
 * The {@code start} methods block until the server listens; call them from a plain thread, not an event loop.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Switchboard engine;
    private final int port;
    private final String host;
    private final AtomicBoolean ready;
    private final List<String> deployments;
    private final List<AutoCloseable> owned;
    private final ProviderSimulator simulator;

    private GatewayServer(Switchboard engine, String host, int port, AtomicBoolean ready, List<String> deployments,
                          List<AutoCloseable> owned, ProviderSimulator simulator) {
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.ready = ready;
        this.deployments = deployments;
        this.owned = owned;
        this.simulator = simulator;
    }

    /** Serves {@code engine} with {@code options}; the engine stays the caller's to close. */
    public static GatewayServer start(Switchboard engine, GatewayOptions options) {
        return start(engine, options, List.of(), null);
    }

    /**
     * Starts an in-process provider simulator, an engine configured on it ({@link GatewayConfig#withSimulator})
     * (on a free port) and a gateway; {@link #close()} stops all three. {@code options.port()} 0 picks a free port.
     */
    public static GatewayServer startOffline(GatewayOptions options) {
        return startOffline(options, SimulatorConfig.builder().port(0).instances(1).build());
    }

    public static GatewayServer startOffline(GatewayOptions options, SimulatorConfig simulatorConfig) {
        return startOffline(options, simulatorConfig, engineBuilder -> { });
    }

    /** As {@link #startOffline(GatewayOptions, SimulatorConfig)}, letting the caller add to the engine, e.g. {@code b -> b.billing(billing)}. */
    public static GatewayServer startOffline(GatewayOptions options, SimulatorConfig simulatorConfig,
                                             java.util.function.Consumer<Switchboard.Builder> engineSetup) {
        Vertx vertx = Switchboard.newVertx();
        ProviderSimulator simulator = null;
        Switchboard engine = null;
        try {
            simulator = ProviderSimulator.start(vertx, simulatorConfig);
            Switchboard.Builder engineBuilder = Switchboard.builder().vertx(vertx)
                    .config(GatewayConfig.withSimulator(simulator.openAiBaseUrl(), simulator.anthropicBaseUrl()));
            engineSetup.accept(engineBuilder);
            engine = engineBuilder.build();
            ProviderSimulator sim = simulator;
            Switchboard eng = engine;
            // Closed in reverse order: engine pools, then the simulator, then the Vert.x they share.
            return start(engine, options, List.of(eng, sim, () -> vertx.close().toCompletionStage().toCompletableFuture().join()), sim);
        } catch (RuntimeException e) {
            if (engine != null) engine.close();
            if (simulator != null) simulator.close();
            vertx.close();
            throw e;
        }
    }

    private static GatewayServer start(Switchboard engine, GatewayOptions options, List<AutoCloseable> owned,
                                       ProviderSimulator simulator) {
        Vertx vertx = engine.vertx();
        AtomicBoolean ready = new AtomicBoolean();
        GatewayHandler handler = new GatewayHandler(engine, options, ready::get);
        AtomicInteger bound = new AtomicInteger();
        List<String> deployments = List.of(deploy(vertx, options, handler, bound));
        ready.set(true);
        LOG.info("gateway listening on {}:{} ({} instance(s))", options.host(), bound.get(), options.instances());
        return new GatewayServer(engine, options.host(), bound.get(), ready, deployments, owned, simulator);
    }

    /**
     * One server per event loop, all on one port. Vert.x shares a port only among servers given the same
     * port number, and port 0 would give each server a port of its own, so "any free port" is resolved
     * first; a port taken in between is retried.
     */
    private static String deploy(Vertx vertx, GatewayOptions options, GatewayHandler handler, AtomicInteger bound) {
        for (int attempt = 1; ; attempt++) {
            int port = options.port() != 0 ? options.port() : freePort(options.host());
            HttpServerOptions serverOptions = new HttpServerOptions().setHost(options.host()).setPort(port)
                    .setHttp2ClearTextEnabled(true).setTcpNoDelay(true).setCompressionSupported(false);
            try {
                return vertx.deployVerticle(() -> context -> vertx.createHttpServer(serverOptions).requestHandler(handler).listen()
                                .onSuccess(server -> bound.set(server.actualPort())),
                        new DeploymentOptions().setInstances(options.instances())).toCompletionStage().toCompletableFuture().join();
            } catch (CompletionException e) {
                if (options.port() != 0 || attempt == 3 || !(e.getCause() instanceof BindException)) throw e;
            }
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    public int port() { return port; }

    /** {@code http://host:port}, with a wildcard bind address replaced by loopback. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + h + ":" + port;
    }

    /** The base URL for OpenAI SDKs (their base URLs end in {@code /v1}). */
    public String openAiBaseUrl() { return baseUrl() + "/v1"; }

    /** The base URL for Anthropic SDKs. */
    public String anthropicBaseUrl() { return baseUrl(); }

    public Switchboard engine() { return engine; }

    /** The in-process simulator of {@link #startOffline}, or null. */
    public ProviderSimulator simulator() { return simulator; }

    /** Whether {@code /readyz} answers 200. */
    public boolean isReady() { return ready.get(); }

    /** Stops listening (in-flight streams are cut), then closes what {@link #startOffline} created. */
    @Override
    public void close() {
        ready.set(false);
        List<Future<Void>> undeploying = new ArrayList<>();
        deployments.forEach(id -> undeploying.add(engine.vertx().undeploy(id)));
        Future.join(undeploying).toCompletionStage().toCompletableFuture().exceptionally(t -> null).join();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c, e);
            }
        }
    }
}
