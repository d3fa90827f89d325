package io.switchboard.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One benchmark run: start the servers, check them, warm them up, run every scenario against every target
 * (the direct baseline first, so each comparison is made under the same conditions), then write the report.
 */
final class BenchRun {
    private final Settings s;
    private final Map<Integer, String> prompts = new HashMap<>();
    private BenchServers servers;
    private Wrk wrk;
    private OpenLoopDriver driver;

    BenchRun(Settings settings) { this.s = settings; }

    /**
     * Runs everything; returns the results, also when a scenario failed part-way (what was measured is kept).
     * {@code progress} sees the results after every row, so an interrupted run still leaves its files.
     */
    BenchResults execute(Consumer<BenchResults> progress) throws IOException, InterruptedException {
        Files.createDirectories(s.out().resolve("raw"));
        Path work = Files.createTempDirectory("switchboard-bench-");
        List<Scenario> plan = s.plan();
        long began = System.nanoTime();
        String loadAverage = MachineInfo.loadAverage();
        log("results in %s; about %d minutes", s.out(), estimateMinutes(plan));
        BenchResults results;
        try (ChildProcesses children = new ChildProcesses();
             OpenLoopDriver d = new OpenLoopDriver(Math.max(s.holdStreams(), Settings.MAX_IN_FLIGHT) + 100)) {
            children.afterStop(() -> deleteTree(work));
            driver = d;
            wrk = new Wrk(work, s.out().resolve("raw"), children);
            servers = BenchServers.start(s, s.out(), work.resolve("data"), children);
            results = new BenchResults(MachineInfo.describe(s.root(), String.join(" ", BenchServers.gatewayJavaOptions()),
                    servers.peerVersion(), loadAverage), s);
            prepare();
            int total = plan.stream().mapToInt(sc -> s.rounds(sc) * servers.targets().size()).sum(), done = 0;
            try {
                for (Scenario scenario : plan) {
                    int rounds = s.rounds(scenario);
                    Map<String, List<ResultRow>> byTarget = new LinkedHashMap<>();
                    // Round after round, every target in turn: a slow minute of the machine then falls on all of them.
                    for (int round = 1; round <= rounds; round++) {
                        for (Target target : servers.targets()) {
                            servers.checkAlive();
                            ResultRow row = measure(scenario, target);
                            if (rounds == 1) {
                                results.add(row);
                                progress.accept(results);
                            } else {
                                results.addRound(row);
                                byTarget.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(row);
                            }
                            log("[%d/%d] %s%s", ++done, total, rounds == 1 ? "" : "round " + round + ", ", summary(row));
                        }
                    }
                    if (rounds > 1) {
                        byTarget.values().forEach(rows -> results.add(RoundMedian.of(rows)));
                        progress.accept(results);
                    }
                }
            } catch (RuntimeException | IOException e) {
                log("stopped early: %s", e.getMessage());
                Files.writeString(s.out().resolve("error.txt"), e.toString());
            }
        }
        log("done in %.1f minutes", (System.nanoTime() - began) / 60e9);
        return results;
    }

    /** Finds the prompts, checks every target once, and warms each one up (JIT) before anything is measured. */
    private void prepare() throws IOException, InterruptedException {
        int simPort = servers.simulatorPort();
        prompts.put(Settings.BODY_BYTES, PromptProbe.find(simPort, Settings.BODY_BYTES, s.chunks()));
        if (s.groups().contains("size")) prompts.put(s.largeBodyBytes(), PromptProbe.find(simPort, s.largeBodyBytes(), s.chunks()));
        Map<String, Integer> events = new LinkedHashMap<>();
        for (Target t : servers.targets()) {
            events.put(t.name(), SanityCheck.run(t, body(t, Settings.BODY_BYTES, false), body(t, Settings.BODY_BYTES, true)));
        }
        // The same answer travelled through every target: a proxy that adds or loses events is not comparable.
        if (events.values().stream().distinct().count() != 1) throw new IllegalStateException("streams differ between targets: " + events);
        log("sanity check passed; SSE data events per stream: %s", events.values().iterator().next());
        for (Target t : servers.targets()) {
            log("warming up %s (%ds)", t.label(), s.initialWarmup().toSeconds());
            wrk.run(null, t, body(t, Settings.BODY_BYTES, false), s.connections(), s.initialWarmup());
            wrk.run(null, t, body(t, Settings.BODY_BYTES, true), s.connections(), s.initialWarmup().dividedBy(2));
        }
    }

    private ResultRow measure(Scenario scenario, Target t) throws IOException, InterruptedException {
        return switch (scenario) {
            case Scenario.ClosedLoop c -> closedLoop(c, t);
            case Scenario.FixedRate f -> fixedRate(f, t);
            case Scenario.StreamHold h -> hold(h, t);
        };
    }

    private ResultRow closedLoop(Scenario.ClosedLoop c, Target t) throws IOException, InterruptedException {
        String body = body(t, c.bodyBytes(), c.stream());
        wrk.run(null, t, body, c.connections(), s.warmup());
        WrkResult r;
        ResourceMeter.Usage usage;
        try (ResourceMeter meter = new ResourceMeter(t.measured())) {
            r = wrk.run(c.id() + "-" + t.name(), t, body, c.connections(), s.duration());
            usage = meter.stop();
        }
        long ok = r.requests() - r.non2xx();
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("non2xx", r.non2xx());
        errors.put("socket", r.socketErrors());
        return new ResultRow(c.id(), c.group(), t.name(), "closed-loop", c.stream(), c.bodyBytes(), c.connections(), null,
                r.durationS(), ok, ok / r.durationS(), r.latency(), null, errors, null, t.serverRole(), usage.processes(),
                usage.machineBusy());
    }

    private ResultRow fixedRate(Scenario.FixedRate f, Target t) throws InterruptedException {
        String body = body(t, Settings.BODY_BYTES, f.stream());
        Duration timeout = Duration.ofSeconds(10);
        // Short drains: an overloaded target would otherwise stretch every run by the full timeout. What the
        // warm-up leaves unanswered meets the measured run, as it would a real client's next second.
        driver.run(t, body, f.stream(), f.rate(), f.rate() * s.warmup().toSeconds(), Settings.MAX_IN_FLIGHT, timeout,
                Duration.ofSeconds(2));
        long count = f.rate() * s.duration().toSeconds();
        DriverResult d;
        ResourceMeter.Usage usage;
        try (ResourceMeter meter = new ResourceMeter(measured(t))) {
            d = driver.run(t, body, f.stream(), f.rate(), count, Settings.MAX_IN_FLIGHT, timeout, Duration.ofSeconds(5));
            usage = meter.stop();
        }
        double window = count / (double) f.rate();
        return new ResultRow(f.id(), f.group(), t.name(), "fixed-rate", f.stream(), Settings.BODY_BYTES, null, f.rate(), window,
                d.ok(), d.ok() / window, Percentiles.ofNanos(d.latency()), f.stream() ? Percentiles.ofNanos(d.ttft()) : null,
                errors(d), null, t.serverRole(), usage.processes(), usage.machineBusy());
    }

    private ResultRow hold(Scenario.StreamHold h, Target t) throws InterruptedException {
        String body = ChatBody.json(t.holdModel(), ChatBody.prompt(Settings.BODY_BYTES, 0), Settings.HOLD_CHUNKS, true);
        log("opening %,d streams through %s, then holding them %ds", h.streams(), t.label(), s.hold().toSeconds());
        OpenLoopDriver.HeldStreams held = null;
        DriverResult d;
        ResourceMeter.Usage usage;
        try (ResourceMeter meter = new ResourceMeter(measured(t))) {
            held = driver.open(t, body, h.streams(), Settings.HOLD_OPEN_RATE, s.holdOpenTimeout());
            Thread.sleep(s.hold().toMillis());
            d = held.snapshot();
            usage = meter.stop(); // the window ends before the harness resets the streams
        } finally {
            if (held != null) held.cancel();
        }
        // A held stream's answer is not over when the window closes: "requests" are the streams held to the end.
        return new ResultRow(h.id(), h.group(), t.name(), "hold", true, Settings.BODY_BYTES, h.streams(), Settings.HOLD_OPEN_RATE,
                d.elapsedS(), d.openStreams(), d.openStreams() / d.elapsedS(), null, Percentiles.ofNanos(d.ttft()),
                errors(d), d.maxOpenStreams(), t.serverRole(), usage.processes(), usage.machineBusy());
    }

    /** The target's processes, and this JVM when it is the load generator (to show when the driver itself saturates). */
    private static Map<String, Long> measured(Target t) {
        Map<String, Long> pids = new LinkedHashMap<>(t.measured());
        pids.put("load-generator", ProcessHandle.current().pid());
        return pids;
    }

    private static Map<String, Long> errors(DriverResult d) {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("non2xx", d.non2xx());
        errors.put("failed", d.failed());
        errors.put("incomplete", d.incomplete());
        errors.put("dropped", d.dropped());
        errors.put("unfinished", d.unfinished());
        return errors;
    }

    private String body(Target t, int bytes, boolean stream) {
        return ChatBody.json(t.model(), prompts.get(bytes), s.chunks(), stream);
    }

    private int estimateMinutes(List<Scenario> plan) {
        int targets = s.targetCount();
        long perRun = s.warmup().toSeconds() + s.duration().toSeconds() + 2;
        long seconds = targets * s.initialWarmup().toSeconds() * 3 / 2 + 20;
        for (Scenario sc : plan) {
            seconds += sc instanceof Scenario.StreamHold
                    ? targets * (s.holdStreams() / Settings.HOLD_OPEN_RATE + s.hold().toSeconds() + 3) : (long) s.rounds(sc) * targets * perRun;
        }
        return (int) Math.ceil(seconds / 60.0);
    }

    private static String summary(ResultRow r) {
        String lat = r.latency() == null ? "no successful requests"
                : String.format("p50 %.3f ms, p99 %.3f ms", r.latency().p50Us() / 1000, r.latency().p99Us() / 1000);
        String ttft = r.ttft() == null ? "" : String.format(", TTFT p99 %.3f ms", r.ttft().p99Us() / 1000);
        String open = r.maxOpenStreams() == null ? "" : String.format(", %,d open at once", r.maxOpenStreams());
        return String.format("%s / %s: %,.0f req/s, %s%s%s, errors %,d, CPU %.3f s/1k, RSS %.0f MiB", r.scenario(), r.target(),
                r.requestsPerSecond(), lat, ttft, open, r.errorCount(), r.cpuSecondsPer1k(), r.peakRssMiB());
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(format, args));
    }

    /** Removes the scratch directory (scripts, bodies, the gateway's data); best effort, it is in the temp dir. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            log("could not remove %s: %s", dir, e.getMessage());
        }
    }
}
