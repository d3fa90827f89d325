package io.switchboard.gateway.cli;

import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.Scenario;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the provider simulator alone, e.g. as the upstream of a gateway under test or of a load test. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the OpenAI + Anthropic provider simulator (control API: /sim/scenario, /sim/stats).")
final class SimCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--scenario", description = "Fault scenario, JSON or YAML (see docs/simulator.md).")
    Path scenario;

    @Option(names = "--latency", defaultValue = "ttft_ms=150,tps=120",
            description = "'none' (no artificial latency) or ttft_ms=N,tps=N (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the generated text (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--api-key", description = "Require exactly this API key (default: any non-empty key).")
    String apiKey;

    @Override
    public Integer call() throws InterruptedException {
        SimulatorConfig.Builder config = SimulatorConfig.builder().host(host).port(port).seed(seed)
                .latency(LatencyModel.parse(latency)).requiredApiKey(apiKey);
        if (scenario != null) config.scenario(Scenario.load(scenario));
        ProviderSimulator sim = ProviderSimulator.start(config.build());
        System.out.println("Provider simulator on " + sim.anthropicBaseUrl() + "  (OpenAI base URL " + sim.openAiBaseUrl()
                + ", Anthropic base URL " + sim.anthropicBaseUrl() + "; latency " + latency + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { sim.close(); stopped.countDown(); }, "sim-shutdown"));
        stopped.await();
        return 0;
    }
}
