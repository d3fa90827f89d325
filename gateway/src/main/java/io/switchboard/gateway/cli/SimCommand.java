package io.switchboard.gateway.cli;

import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.Provider;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.Scenario;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the provider simulator alone, e.g. as the upstream of a gateway under test or of a load test.
 * A required API key comes only from {@code SWITCHBOARD_SIM_API_KEY}, never from the command line, where it
 * would show in process listings.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the OpenAI + Anthropic provider simulator (control API: /sim/scenario, /sim/stats).")
final class SimCommand implements Callable<Integer> {
    static final String API_KEY_ENV = "SWITCHBOARD_SIM_API_KEY";

    @Option(names = "--port", defaultValue = "9090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--scenario", description = "Fault scenario, JSON or YAML (see docs/simulator.md).")
    Path scenario;

    @Option(names = "--latency", defaultValue = "ttft_ms=150,tps=120",
            description = "'none' (no artificial latency) or ttft_ms=N,tps=N (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--latency-for", description = "Per-model latency, GLOB=SPEC (e.g. 'gpt-5*=ttft_ms=800,tps=40'); repeatable.")
    List<String> latencyFor = new ArrayList<>();

    @Option(names = "--rate-limit", description = "PROVIDER|*:GLOB:RPM:TPM (0 = unlimited), enforced like the provider; repeatable.")
    List<String> rateLimits = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the generated text (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        ProviderSimulator sim = ProviderSimulator.start(config(System.getenv()));
        System.out.println("Provider simulator on " + sim.anthropicBaseUrl() + "  (OpenAI base URL " + sim.openAiBaseUrl()
                + ", Anthropic base URL " + sim.anthropicBaseUrl() + "; latency " + latency + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { sim.close(); stopped.countDown(); }, "sim-shutdown"));
        stopped.await();
        return 0;
    }

    SimulatorConfig config(Map<String, String> env) {
        SimulatorConfig.Builder b = SimulatorConfig.builder().host(host).port(port).seed(seed).latency(LatencyModel.parse(latency));
        String key = env.get(API_KEY_ENV);
        if (key != null && !key.isBlank()) b.requiredApiKey(key);
        for (String spec : latencyFor) {
            int eq = spec.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("--latency-for expects GLOB=SPEC, got " + spec);
            b.latency(spec.substring(0, eq), LatencyModel.parse(spec.substring(eq + 1)));
        }
        for (String spec : rateLimits) {
            String[] p = spec.split(":");
            if (p.length != 4) throw new IllegalArgumentException("--rate-limit expects PROVIDER:GLOB:RPM:TPM, got " + spec);
            b.rateLimit(p[0].equals("*") ? null : Provider.parse(p[0]), p[1], Long.parseLong(p[2]), Long.parseLong(p[3]));
        }
        if (scenario != null) b.scenario(Scenario.load(scenario));
        return b.build();
    }
}
