package io.switchboard.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of one run and the comparisons derived from them (added latency, peer ratios). */
final class BenchResults {
    private final MachineInfo machine;
    private final Settings settings;
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    /** With {@code --repeat}: every round's own row; {@link #rows()} holds their medians. */
    private final List<ResultRow> rounds = new ArrayList<>();

    BenchResults(MachineInfo machine, Settings settings) {
        this.machine = machine;
        this.settings = settings;
    }

    synchronized void add(ResultRow row) {
        rows.add(row);
        if (!targets.contains(row.target())) targets.add(row.target());
    }

    synchronized void addRound(ResultRow row) { rounds.add(row); }

    synchronized List<ResultRow> rounds() { return List.copyOf(rounds); }

    MachineInfo machine() { return machine; }

    Settings settings() { return settings; }

    synchronized List<ResultRow> rows() { return List.copyOf(rows); }

    /** Target names in the order they were run (direct first). */
    synchronized List<String> targets() { return List.copyOf(targets); }

    /** Scenario ids in the order they were run. */
    synchronized List<String> scenarios() {
        return rows.stream().map(ResultRow::scenario).distinct().toList();
    }

    synchronized Optional<ResultRow> row(String scenario, String target) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.target().equals(target)).findFirst();
    }

    /** The direct (simulator only) row of the same scenario: the baseline of a proxied row. */
    Optional<ResultRow> baseline(ResultRow row) {
        return row.target().equals(Target.DIRECT) ? Optional.empty() : row(row.scenario(), Target.DIRECT);
    }

    /** The latency a proxy added: its percentiles minus the direct ones of the same scenario and run. */
    Percentiles addedLatency(ResultRow row) {
        return baseline(row).map(b -> row.latency() == null ? null : row.latency().minus(b.latency())).orElse(null);
    }

    /** The time to first token a proxy added to streams. */
    Percentiles addedTtft(ResultRow row) {
        return baseline(row).map(b -> row.ttft() == null ? null : row.ttft().minus(b.ttft())).orElse(null);
    }
}
