package io.switchboard.gateway.stream;

import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.UpstreamConfig;
import io.switchboard.engine.stream.StreamStore;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;

/**
 * A simulator, an engine on it and a gateway, for the stream tests: two client keys ({@value #ALICE} and
 * {@value #BOB}) so tests can check that only the opener resumes, and a short upstream idle timeout so stalls
 * are noticed quickly.
 */
final class StreamFixture implements AutoCloseable {
    static final String ALICE = "sk-alice";
    static final String BOB = "sk-bob";
    private static final Map<String, String> KEYS = Map.of(ALICE, "alice", BOB, "bob");

    final Vertx vertx;
    final ProviderSimulator simulator;
    final Switchboard engine;
    final GatewayServer gateway;

    StreamFixture(LatencyModel latency, int idleTimeoutMs, StreamsConfig streams, StreamStore store) {
        vertx = Vertx.vertx();
        simulator = ProviderSimulator.start(vertx, SimulatorConfig.builder().port(0).instances(1).latency(latency).build());
        GatewayConfig config = GatewayConfig.withSimulator(simulator.openAiBaseUrl(), simulator.anthropicBaseUrl()).toBuilder()
                .upstream(UpstreamConfig.builder().idleTimeoutMs(idleTimeoutMs).build()).build();
        engine = Switchboard.builder().vertx(vertx).config(config).streams(streams).streamStore(store).build();
        gateway = GatewayServer.start(engine, GatewayOptions.builder().instances(2)
                .authenticator(key -> Optional.ofNullable(KEYS.get(key))).build());
    }

    StreamFixture() { this(LatencyModel.NONE, 2_000, StreamsConfig.DEFAULTS, null); }

    String baseUrl() { return gateway.baseUrl(); }

    @Override
    public void close() {
        gateway.close();
        engine.close();
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
