package io.switchboard.gateway.cli;

import io.switchboard.engine.Switchboard;
import io.switchboard.engine.billing.Billing;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.stream.SqliteStreamStore;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.gateway.admin.VirtualKeyAuthenticator;
import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the gateway. Upstreams come from {@code --config}, else from the SDKs' own environment variables,
 * else from an in-process simulator, so a fresh checkout works offline with no set-up at all.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on (default: config, else 8080).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (default: config, else 127.0.0.1).")
    String host;

    @Option(names = "--config", description = "YAML config file (see docs/configuration.md).")
    Path config;

    @Option(names = "--data-dir", description = "Where state is kept (default: $SWITCHBOARD_DATA_DIR, else ./.switchboard).")
    Path dataDir;

    @Option(names = "--sim-latency", defaultValue = "ttft_ms=150,tps=120",
            description = "Latency of the built-in simulator when serving offline: 'none' or ttft_ms=N,tps=N (default: ${DEFAULT-VALUE}).")
    String simLatency;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path data = DataDir.resolve(dataDir, env);
        // A bad config fails before anything is started, so nothing is left running.
        GatewayConfig cfg = config != null ? GatewayConfig.load(config, env)
                : GatewayConfig.hasProviderKey(env) ? GatewayConfig.fromEnvironment(env) : null;
        Vertx vertx = Switchboard.newVertx();
        ProviderSimulator simulator = null;
        if (cfg == null) {
            simulator = ProviderSimulator.start(vertx, SimulatorConfig.builder().latency(LatencyModel.parse(simLatency)).build());
            cfg = GatewayConfig.withSimulator(simulator.openAiBaseUrl(), simulator.anthropicBaseUrl());
            System.out.println("No OPENAI_API_KEY / ANTHROPIC_API_KEY and no --config: serving OFFLINE on the built-in "
                    + "provider simulator at " + simulator.anthropicBaseUrl() + " (both OpenAI and Anthropic).");
        }
        if (port != null) cfg = cfg.toBuilder().server(cfg.server().withPort(port)).build();

        MasterKey master = MasterKey.resolve(cfg, env, data);
        master.announce(System.out); // before listening: a generated key is shown once, even if start-up fails
        // Budgets, the spend ledger, virtual keys and (when durable) the stream journal live in the data directory.
        Billing billing = Billing.open(cfg.billing(), data, Clock.systemUTC());
        GatewayOptions.Builder options = GatewayOptions.from(cfg)
                .authenticator(new VirtualKeyAuthenticator(master.authenticator(), billing.keys()));
        if (host != null) options.host(host);

        Switchboard engine = Switchboard.builder().vertx(vertx).config(cfg).billing(billing)
                .streamStore(cfg.streams().durable() ? SqliteStreamStore.open(data, Clock.systemUTC()) : null).build();
        GatewayServer server;
        try {
            server = GatewayServer.start(engine, options.build());
        } catch (RuntimeException e) {
            System.err.println("switchboard: cannot start the gateway on " + cfg.server().host() + ":" + cfg.server().port()
                    + ": " + rootMessage(e));
            engine.close();
            billing.close();
            vertx.close();
            return 1;
        }
        System.out.println("Switchboard gateway on " + server.baseUrl()
                + "  (OpenAI SDKs: base URL " + server.openAiBaseUrl() + ", Anthropic SDKs: " + server.anthropicBaseUrl() + ")");

        CountDownLatch stopped = new CountDownLatch(1);
        ProviderSimulator sim = simulator;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            billing.close();
            if (sim != null) sim.close();
            vertx.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
