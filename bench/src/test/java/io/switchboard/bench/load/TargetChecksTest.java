package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks read the right rows, and the floor proxy's figure stands beside Switchboard's for the same check. */
class TargetChecksTest {

    @Test
    void addedLatencyAndCpuAreReadFromSwitchboardAgainstDirectWithTheFloorBeside() {
        BenchResults results = oneConnection(0);

        Check p50 = check(results, "added p50 ≤ 100 µs on one connection");
        assertThat(p50.value()).isEqualTo(180.0);
        assertThat(p50.floor()).isEqualTo(120.0);
        assertThat(p50.result()).isEqualTo("miss");
        Check p99 = check(results, "added p99 ≤ 1 ms on one connection");
        assertThat(p99.value()).isEqualTo(1200.0);
        assertThat(p99.floor()).isEqualTo(500.0);

        String md = new MarkdownReport(results, TargetChecks.evaluate(results)).render();
        assertThat(md).contains("| goal | run | measured | bare Vert.x proxy | result |")
                .contains("| added p50 ≤ 100 µs on one connection | conn-c1 | +180 µs | +120 µs | **miss** |");
    }

    @Test
    void theFloorsCpuPerRequestIsShownForTheCpuCheck() {
        BenchResults results = results(true);
        results.add(row("rate-2000", Target.DIRECT, 70, 400, 0.050, 0));
        results.add(row("rate-2000", Target.SWITCHBOARD, 250, 1600, 0.183, 0));
        results.add(row("rate-2000", Target.FLOOR, 190, 900, 0.140, 0));
        Check cpu = TargetChecks.evaluate(results).stream()
                .filter(c -> c.goal().startsWith("gateway CPU") && c.scenario().equals("rate-2000")).findFirst().orElseThrow();
        assertThat(cpu.value()).isCloseTo(183.0, offset(1e-9));
        assertThat(cpu.floor()).isCloseTo(140.0, offset(1e-9));
    }

    @Test
    void theThroughputCheckShowsWhatTheFloorDoesAgainstThePeer() {
        BenchResults results = results(true);
        results.add(row("max-c64", Target.DIRECT, 1000, 4000, 0.027, 0, 40_000));
        results.add(row("max-c64", Target.SWITCHBOARD, 5000, 20000, 0.120, 0, 10_000));
        results.add(row("max-c64", Target.FLOOR, 2000, 9000, 0.050, 0, 20_000));
        results.add(row("max-c64", "portkey", 60000, 800000, 1.2, 0, 800));
        Check throughput = check(results, "throughput ≥ 10× Portkey");
        assertThat(throughput.value()).isEqualTo(12.5);
        assertThat(throughput.floor()).isEqualTo(25.0);
        assertThat(throughput.result()).isEqualTo("pass");
        assertThat(new MarkdownReport(results, TargetChecks.evaluate(results)).render())
                .contains("| throughput ≥ 10× Portkey | max-c64 | 12.5× (10,000 vs 800 req/s) | 25.0× | pass |");
    }

    @Test
    void aFloorRunWithErrorsOrNoFloorAtAllGivesNoFloorFigure() {
        BenchResults failed = oneConnection(3);
        assertThat(check(failed, "added p50 ≤ 100 µs on one connection").floor()).isNull();

        BenchResults none = results(false);
        none.add(row("conn-c1", Target.DIRECT, 70, 400, 0.060, 0));
        none.add(row("conn-c1", Target.SWITCHBOARD, 120, 900, 0.190, 0));
        Check p50 = check(none, "added p50 ≤ 100 µs on one connection");
        assertThat(p50.floor()).isNull();
        assertThat(p50.result()).isEqualTo("pass");
        assertThat(new MarkdownReport(none, TargetChecks.evaluate(none)).render()).contains("| goal | run | measured | result |")
                .doesNotContain("bare Vert.x proxy |");
    }

    /** conn-c1: direct p50 70 µs, Switchboard 250 µs, the floor 190 µs with {@code floorErrors} errors. */
    private static BenchResults oneConnection(long floorErrors) {
        BenchResults results = results(true);
        results.add(row("conn-c1", Target.DIRECT, 70, 400, 0.060, 0));
        results.add(row("conn-c1", Target.SWITCHBOARD, 250, 1600, 0.190, 0));
        results.add(row("conn-c1", Target.FLOOR, 190, 900, 0.120, floorErrors));
        return results;
    }

    private static Check check(BenchResults results, String goal) {
        return TargetChecks.evaluate(results).stream().filter(c -> c.goal().equals(goal)).findFirst().orElseThrow();
    }

    private static BenchResults results(boolean floor) {
        Settings s = new Settings(Path.of("."), Path.of("out"), false, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofSeconds(25), 20, 64, List.of(1, 100), 102400, List.of(2000), 5000, Duration.ofSeconds(10),
                Set.copyOf(Settings.GROUPS), null, floor, 1, Path.of("."), Path.of("."), "memory");
        MachineInfo m = new MachineInfo("now", 2, "cpu", 1024, "6", "jdk", "", null, "4.1.0", null, "abc", "0.1");
        return new BenchResults(m, s);
    }

    /** A closed-loop row of 10,000 requests in 10 s with the given p50 and p99 (µs) and CPU per request (ms). */
    private static ResultRow row(String scenario, String target, double p50Us, double p99Us, double cpuMsPerRequest, long errors) {
        return row(scenario, target, p50Us, p99Us, cpuMsPerRequest, errors, 1000);
    }

    /** The same with {@code perSecond} requests per second over 10 s. */
    private static ResultRow row(String scenario, String target, double p50Us, double p99Us, double cpuMsPerRequest, long errors,
                                 long perSecond) {
        long requests = perSecond * 10;
        Percentiles latency = new Percentiles(p50Us, p50Us * 2, p99Us, p99Us * 2, p99Us * 3, p50Us);
        Map<String, ProcessUsage> processes = new LinkedHashMap<>();
        processes.put("server", new ProcessUsage(1, cpuMsPerRequest * requests / 1000, 100_000, 200_000));
        return new ResultRow(scenario, "conn", target, "closed-loop", false, Settings.BODY_BYTES, 1, null, 10, requests,
                requests / 10.0, latency, null, Map.of("non2xx", errors), null, "server", processes, 0.5);
    }
}
