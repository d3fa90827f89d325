package io.switchboard.simulator.bench;

import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;

/**
 * Starts a simulator with no latency on a fixed loopback port for a bounded time, for load runs with an
 * external driver ({@code wrk}) and a profiler attached. Not a test; run with {@code java -cp}.
 * Arguments: port (default 18080), seconds to stay up (default 60, at most 600).
 */
public final class BenchServer {
    private BenchServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
        long seconds = Math.min(600, args.length > 1 ? Long.parseLong(args[1]) : 60);
        SimulatorConfig config = SimulatorConfig.builder().port(port).latency(LatencyModel.NONE).build();
        try (ProviderSimulator sim = ProviderSimulator.start(config)) {
            System.out.println("simulator listening on " + sim.port() + " for " + seconds + "s");
            Thread.sleep(seconds * 1000);
        }
    }
}
