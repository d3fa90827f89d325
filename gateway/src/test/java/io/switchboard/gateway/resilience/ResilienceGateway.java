package io.switchboard.gateway.resilience;

import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * A simulator plus a gateway configured from YAML, for the resilience tests. The YAML may use
 * {@code ${OPENAI}} and {@code ${ANTHROPIC}} for the simulator's base URLs.
 */
final class ResilienceGateway implements AutoCloseable {
    static final String KEY = "sk-gw-resilience";

    final Vertx vertx = Vertx.vertx();
    final ProviderSimulator simulator;
    final Switchboard engine;
    final GatewayServer gateway;

    ResilienceGateway(String yaml) {
        simulator = ProviderSimulator.start(vertx, SimulatorConfig.builder().port(0).instances(1).build());
        String text = yaml.replace("${OPENAI}", simulator.openAiBaseUrl()).replace("${ANTHROPIC}", simulator.anthropicBaseUrl());
        engine = Switchboard.builder().vertx(vertx).config(GatewayConfig.parse(text, "test.yaml", Map.of())).build();
        gateway = GatewayServer.start(engine, GatewayOptions.builder().masterKey(KEY).instances(1).build());
    }

    String chatUrl() { return gateway.openAiBaseUrl() + "/chat/completions"; }

    String messagesUrl() { return gateway.anthropicBaseUrl() + "/v1/messages"; }

    @Override
    public void close() {
        gateway.close();
        engine.close();
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
