package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes under test, each its own OS process so /proc can measure it alone: the simulator (zero
 * artificial latency, one slow model for the hold test), Switchboard in front of it with the benchmark
 * config, and optionally the peer gateway in front of it too.
 */
final class BenchServers {
    static final String SIM_KEY = "sk-sim-bench";
    static final String DIRECT_MODEL = "gpt-4o-mini";
    static final long SIM_REQUESTS_PER_MINUTE = 1_000_000_000L;
    static final long SIM_TOKENS_PER_MINUTE = 50_000_000_000L;

    private final List<Target> targets = new ArrayList<>();
    private ChildProcess simulator;
    private ChildProcess gateway;
    private ChildProcess peer;
    private ChildProcess floor;
    private int simPort;
    private String peerVersion;

    /** Starts everything; the processes are registered in {@code children}, which stops them. */
    static BenchServers start(Settings s, Path logs, Path dataDir, ChildProcesses children) throws IOException, InterruptedException {
        BenchServers servers = new BenchServers();
        servers.startSimulator(s, logs, children);
        servers.startSwitchboard(s, logs, dataDir, children);
        if (s.floor()) servers.startFloor(s, logs, children);
        if ("portkey".equals(s.peer())) servers.startPortkey(s, logs, children);
        return servers;
    }

    private void startSimulator(Settings s, Path logs, ChildProcesses children) throws IOException {
        simPort = FreePort.pick();
        String holdLatency = String.format(java.util.Locale.ROOT, "%s=ttft_ms=20,tps=%.4f", SwitchboardConfigFile.HOLD_MODEL,
                s.holdTokensPerSecond());
        // Without a rule the simulator reports a nominal 10,000 requests/minute in its rate-limit headers (never
        // enforced); Switchboard follows such headers and would start pacing itself after 10,000 requests. A rule
        // far above the run's rate makes the headers report room that never runs out.
        // Netty's epoll transport loads native code: allowed, as the launcher allows it, so the JDK does not warn.
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", gatewayJar(s).toString(), "sim", "--host", "127.0.0.1",
                "--port", Integer.toString(simPort), "--latency", "none", "--latency-for", holdLatency,
                "--rate-limit", "*:*:" + SIM_REQUESTS_PER_MINUTE + ":" + SIM_TOKENS_PER_MINUTE));
        simulator = ChildProcess.start("simulator", cmd, Map.of(), null, logs.resolve("simulator.log"), children);
        simulator.awaitPort(simPort, 60_000);
        targets.add(new Target(Target.DIRECT, "simulator directly", simPort, DIRECT_MODEL, SwitchboardConfigFile.HOLD_MODEL,
                Map.of("Authorization", "Bearer " + SIM_KEY), Map.of("simulator", simulator.pid())));
    }

    private void startSwitchboard(Settings s, Path logs, Path dataDir, ChildProcesses children) throws IOException, InterruptedException {
        int port = FreePort.pick();
        Path config = logs.resolve("switchboard-bench.yaml");
        int h2 = h2Connections(s);
        Files.writeString(config, SwitchboardConfigFile.yaml(simPort, port, h2, s.journal()));
        String masterKey = "sk-sb-bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(gatewayJavaOptions());
        cmd.addAll(List.of("-jar", gatewayJar(s).toString(), "serve", "--config", config.toString(), "--data-dir", dataDir.toString()));
        gateway = ChildProcess.start("switchboard", cmd, Map.of("SWITCHBOARD_MASTER_KEY", masterKey), null,
                logs.resolve("switchboard.log"), children);
        gateway.awaitPort(port, 60_000);
        LocalHttp.Answer key = LocalHttp.post(port, "/admin/keys", Map.of("Authorization", "Bearer " + masterKey),
                SwitchboardConfigFile.virtualKeyRequest());
        if (key.status() != 200 && key.status() != 201) {
            throw new IllegalStateException("creating the virtual key failed: HTTP " + key.status() + " " + key.body());
        }
        String virtualKey = new ObjectMapper().readTree(key.body()).path("key").asText();
        Map<String, Long> measured = new LinkedHashMap<>();
        measured.put("gateway", gateway.pid());
        measured.put("upstream", simulator.pid());
        targets.add(new Target(Target.SWITCHBOARD, "Switchboard", port, SwitchboardConfigFile.ROUTE, SwitchboardConfigFile.HOLD_ROUTE,
                Map.of("Authorization", "Bearer " + virtualKey), measured));
    }

    private void startFloor(Settings s, Path logs, ChildProcesses children) throws IOException {
        int port = FreePort.pick();
        Path benchJar = s.root().resolve("bench/target/benchmarks.jar");
        if (!Files.exists(benchJar)) throw new IllegalStateException("no " + benchJar + ": build it first (./switchboard bench does)");
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(gatewayJavaOptions()); // the same heap and collector as the gateway
        cmd.addAll(List.of("-cp", benchJar.toString(), FloorProxy.class.getName(), Integer.toString(port), Integer.toString(simPort),
                Integer.toString(h2Connections(s))));
        floor = ChildProcess.start("floor", cmd, Map.of(), null, logs.resolve("floor.log"), children);
        floor.awaitPort(port, 60_000);
        Map<String, Long> measured = new LinkedHashMap<>();
        measured.put("floor", floor.pid());
        measured.put("upstream", simulator.pid());
        targets.add(new Target(Target.FLOOR, "bare Vert.x proxy", port, DIRECT_MODEL, SwitchboardConfigFile.HOLD_MODEL,
                Map.of("Authorization", "Bearer " + SIM_KEY), measured));
    }

    /** 100 streams per h2c connection (the simulator's limit) and room to spare for the held streams. */
    private static int h2Connections(Settings s) { return Math.max(4, s.holdStreams() / 100 + 8); }

    private void startPortkey(Settings s, Path logs, ChildProcesses children) throws IOException, InterruptedException {
        Path entry = PortkeyPeer.install(s.peerDir(), s.peerHome(), logs.resolve("portkey-setup.log"));
        peerVersion = PortkeyPeer.version(entry);
        int port = FreePort.pick();
        peer = PortkeyPeer.start(entry, port, logs.resolve("portkey.log"), children);
        Map<String, Long> measured = new LinkedHashMap<>();
        measured.put("portkey", peer.pid());
        measured.put("upstream", simulator.pid());
        targets.add(new Target("portkey", "Portkey " + peerVersion, port, DIRECT_MODEL, SwitchboardConfigFile.HOLD_MODEL,
                Map.of("Authorization", "Bearer " + SIM_KEY, "x-portkey-provider", "openai",
                        "x-portkey-custom-host", "http://127.0.0.1:" + simPort + "/v1"), measured));
    }

    List<Target> targets() { return List.copyOf(targets); }

    int simulatorPort() { return simPort; }

    String peerVersion() { return peerVersion; }

    /** Fails when a server died during the run (its log tail says why). */
    void checkAlive() {
        for (ChildProcess p : new ChildProcess[] {simulator, gateway, floor, peer}) {
            if (p != null && !p.alive()) throw new IllegalStateException(p.name() + " is no longer running" + p.tail());
        }
    }

    /** The JVM options {@code ./switchboard serve} would use: $SWITCHBOARD_JAVA_OPTS (the launcher exports its default), else the JVM's defaults. */
    static List<String> gatewayJavaOptions() {
        String opts = System.getenv().getOrDefault("SWITCHBOARD_JAVA_OPTS", "").trim();
        return opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    }

    private static Path gatewayJar(Settings s) {
        Path jar = s.root().resolve("gateway/target/switchboard.jar");
        if (!Files.exists(jar)) throw new IllegalStateException("no " + jar + ": build it first (./switchboard bench does)");
        return jar;
    }

    /** The JVM running the harness: the launcher picked it, and the gateway runs on it as under ./switchboard serve. */
    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
