package io.switchboard.bench.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One row from several rounds of the same scenario against the same target ({@code --repeat}): every figure is the
 * median over the rounds, so one round that met a busy moment of a shared machine does not decide a target.
 * Errors are summed (a round with errors still fails its check), and memory is the largest seen.
 */
final class RoundMedian {
    private RoundMedian() {}

    static ResultRow of(List<ResultRow> rounds) {
        if (rounds.isEmpty()) throw new IllegalArgumentException("no rounds");
        if (rounds.size() == 1) return rounds.getFirst();
        ResultRow first = rounds.getFirst();
        for (ResultRow r : rounds) {
            if (!r.scenario().equals(first.scenario()) || !r.target().equals(first.target())) {
                throw new IllegalArgumentException("rounds of different runs: " + r.scenario() + "/" + r.target());
            }
        }
        long requests = Math.round(median(rounds, ResultRow::requests));
        Map<String, Long> errors = new LinkedHashMap<>();
        for (ResultRow r : rounds) r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        Integer maxOpen = first.maxOpenStreams() == null ? null
                : rounds.stream().mapToInt(r -> r.maxOpenStreams() == null ? 0 : r.maxOpenStreams()).min().orElse(0);
        return new ResultRow(first.scenario(), first.group(), first.target(), first.kind(), first.stream(), first.bodyBytes(),
                first.connections(), first.rate(), median(rounds, ResultRow::durationS), requests,
                median(rounds, ResultRow::requestsPerSecond), percentiles(rounds.stream().map(ResultRow::latency).toList()),
                percentiles(rounds.stream().map(ResultRow::ttft).toList()), errors, maxOpen, first.serverRole(),
                processes(rounds, requests), median(rounds, ResultRow::machineBusy));
    }

    /** Each process's CPU per request is the median over the rounds, expressed as CPU seconds for the median request count. */
    private static Map<String, ProcessUsage> processes(List<ResultRow> rounds, long requests) {
        Map<String, ProcessUsage> out = new LinkedHashMap<>();
        for (String role : rounds.getFirst().processes().keySet()) {
            List<ProcessUsage> usages = rounds.stream().map(r -> r.processes().get(role)).filter(u -> u != null).toList();
            if (usages.isEmpty()) continue;
            double[] per1k = rounds.stream().filter(r -> r.processes().get(role) != null)
                    .mapToDouble(r -> r.processes().get(role).cpuSecondsPer1k(r.requests())).filter(v -> !Double.isNaN(v)).toArray();
            double cpu = per1k.length == 0 ? median(usages, ProcessUsage::cpuSeconds) : median(per1k) * requests / 1000.0;
            out.put(role, new ProcessUsage(usages.getFirst().pid(), cpu, Math.round(median(usages, u -> u.startRssKb())),
                    usages.stream().mapToLong(ProcessUsage::peakRssKb).max().orElse(0)));
        }
        return out;
    }

    private static Percentiles percentiles(List<Percentiles> all) {
        List<Percentiles> present = all.stream().filter(p -> p != null).toList();
        if (present.isEmpty()) return null;
        return new Percentiles(median(present, Percentiles::p50Us), median(present, Percentiles::p90Us),
                median(present, Percentiles::p99Us), median(present, Percentiles::p999Us), median(present, Percentiles::maxUs),
                median(present, Percentiles::meanUs));
    }

    private static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        return median(items.stream().mapToDouble(value).toArray());
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
