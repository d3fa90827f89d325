package io.switchboard.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The targets of the performance issue, each read from the run that measures exactly it. */
final class TargetChecks {
    static final int CHECK_RATE = 2000;
    static final int CHECK_STREAMS = 5000;
    static final double RSS_LIMIT_MIB = 512;

    private TargetChecks() {}

    static List<Check> evaluate(BenchResults results) {
        Settings s = results.settings();
        String max = "max-c" + s.connections();
        String sb = Target.SWITCHBOARD;
        List<Check> checks = new ArrayList<>();

        Optional<ResultRow> mine = results.row(max, sb);
        Optional<ResultRow> peer = results.row(max, "portkey");
        if (mine.isPresent() && peer.isPresent()) {
            double ratio = mine.get().requestsPerSecond() / peer.get().requestsPerSecond();
            Double floor = floor(results, max).map(f -> f.requestsPerSecond() / peer.get().requestsPerSecond()).orElse(null);
            checks.add(new Check("throughput ≥ 10× Portkey", max, String.format("%.1f× (%,.0f vs %,.0f req/s)", ratio,
                    mine.get().requestsPerSecond(), peer.get().requestsPerSecond()), ratio, 10, "ratio",
                    verdict(mine.get(), null, ratio >= 10)).withFloor(floor));
        } else {
            checks.add(notMeasured("throughput ≥ 10× Portkey", max, s.peer() == null ? "run with --peer portkey" : "scenario skipped", 10, "ratio"));
        }
        checks.add(added(results, "added p50 ≤ 100 µs on one connection", "conn-c1", Percentiles::p50Us, 100, false));
        checks.add(added(results, "added p99 ≤ 1 ms on one connection", "conn-c1", Percentiles::p99Us, 1000, false));
        checks.add(added(results, "added p99 ≤ 1 ms at 2,000 req/s", "rate-" + CHECK_RATE, Percentiles::p99Us, 1000, false));
        checks.add(cpu(results, max));
        checks.add(cpu(results, "rate-" + CHECK_RATE));
        checks.add(added(results, "stream TTFT overhead p99 ≤ 1 ms at 2,000 streams/s", "stream-rate-" + CHECK_RATE,
                Percentiles::p99Us, 1000, true));
        checks.add(hold(results));
        return checks;
    }

    private static Check added(BenchResults results, String goal, String scenario, Function<Percentiles, Double> pick,
                               double limitUs, boolean ttft) {
        Optional<ResultRow> row = results.row(scenario, Target.SWITCHBOARD);
        Optional<ResultRow> base = results.row(scenario, Target.DIRECT);
        if (row.isEmpty() || base.isEmpty()) return notMeasured(goal, scenario, "scenario not run", limitUs, "us");
        Percentiles added = ttft ? results.addedTtft(row.get()) : results.addedLatency(row.get());
        if (added == null) return notMeasured(goal, scenario, "no successful requests", limitUs, "us");
        double us = pick.apply(added);
        Percentiles floor = floor(results, scenario).map(f -> ttft ? results.addedTtft(f) : results.addedLatency(f)).orElse(null);
        return new Check(goal, scenario, String.format("%+.0f µs", us) + errorNote(row.get()), us, limitUs, "us",
                verdict(row.get(), base.get(), us <= limitUs)).withFloor(floor == null ? null : pick.apply(floor));
    }

    private static Check cpu(BenchResults results, String scenario) {
        String goal = "gateway CPU per request ≤ 100 µs";
        Optional<ResultRow> row = results.row(scenario, Target.SWITCHBOARD);
        if (row.isEmpty()) return notMeasured(goal, scenario, "scenario not run", 100, "us");
        double us = row.get().cpuSecondsPer1k() * 1000;
        if (Double.isNaN(us)) return notMeasured(goal, scenario, "no successful requests", 100, "us");
        Double floor = floor(results, scenario).map(f -> f.cpuSecondsPer1k() * 1000).filter(v -> !v.isNaN()).orElse(null);
        return new Check(goal, scenario, String.format("%.0f µs", us) + errorNote(row.get()), us, 100, "us",
                verdict(row.get(), null, us <= 100)).withFloor(floor);
    }

    private static Check hold(BenchResults results) {
        String goal = "5,000 concurrent streams, gateway RSS ≤ 512 MiB";
        int streams = results.settings().holdStreams();
        String scenario = "hold-" + streams;
        Optional<ResultRow> row = results.row(scenario, Target.SWITCHBOARD);
        if (row.isEmpty()) return notMeasured(goal, scenario, "scenario not run", RSS_LIMIT_MIB, "MiB");
        if (streams < CHECK_STREAMS) {
            return notMeasured(goal, scenario, "only " + streams + " streams held (--hold-streams)", RSS_LIMIT_MIB, "MiB");
        }
        ResultRow r = row.get();
        int open = r.maxOpenStreams() == null ? 0 : r.maxOpenStreams();
        boolean ok = open >= CHECK_STREAMS && r.peakRssMiB() <= RSS_LIMIT_MIB;
        return new Check(goal, scenario, String.format("%,d open at once, peak RSS %.0f MiB", open, r.peakRssMiB()) + errorNote(r),
                r.peakRssMiB(), RSS_LIMIT_MIB, "MiB", verdict(r, null, ok));
    }

    /** The floor proxy's row of {@code scenario}, when it ran without an error (a failed floor run is no reference). */
    private static Optional<ResultRow> floor(BenchResults results, String scenario) {
        return results.row(scenario, Target.FLOOR).filter(f -> f.errorCount() == 0);
    }

    private static String verdict(ResultRow row, ResultRow baseline, boolean within) {
        if (baseline != null && baseline.errorCount() > 0) return "invalid";
        if (row.errorCount() > 0 || row.requests() == 0) return "miss";
        return within ? "pass" : "miss";
    }

    private static String errorNote(ResultRow row) {
        return row.errorCount() > 0 ? String.format(" (%,d errors)", row.errorCount()) : "";
    }

    private static Check notMeasured(String goal, String scenario, String why, double limit, String unit) {
        return new Check(goal, scenario, why, null, limit, unit, "not measured");
    }
}
