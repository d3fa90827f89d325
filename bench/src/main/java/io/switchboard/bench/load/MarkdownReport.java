package io.switchboard.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The human-readable result: Markdown tables, printed and written to results.md. Latencies in milliseconds. */
final class MarkdownReport {
    private final BenchResults results;
    private final List<Check> checks;
    private final StringBuilder md = new StringBuilder();

    MarkdownReport(BenchResults results, List<Check> checks) {
        this.results = results;
        this.checks = checks;
    }

    String render() {
        MachineInfo m = results.machine();
        Settings s = results.settings();
        md.append("# Switchboard load benchmark, ").append(m.startedAt()).append("\n\n");
        md.append(String.format("%d CPUs (%s), %,d MiB RAM, Linux %s, load average at start %s; %s; gateway JVM options: %s; wrk %s%s; commit %s.%n",
                m.cpus(), m.cpuModel(), m.memoryMib(), m.kernel(), m.loadAverageAtStart(), m.jdk(),
                m.gatewayJavaOptions().isBlank() ? "JVM defaults" : m.gatewayJavaOptions(), orQ(m.wrk()),
                (s.floor() ? "; floor: a bare Vert.x pass-through proxy" : "")
                        + (s.peer() == null ? "" : "; peer Portkey " + orQ(m.peerVersion()) + " on Node " + orQ(m.node())), orQ(m.gitCommit())));
        md.append(String.format("Each run: %ds measured after a %ds warm-up%s; %d SSE content events per stream; the simulator, "
                        + "the proxies and the load generators share the machine.%s%n%n",
                s.duration().toSeconds(), s.warmup().toSeconds(), s.quick() ? " (--quick: smoke run, numbers are rough)" : "", s.chunks(),
                s.repeat() == 1 ? "" : String.format(" Every scenario ran %d rounds, all targets in turn each round; each figure is "
                        + "the median over the rounds (errors: the sum; RSS: the largest), and every round is in results.json.", s.repeat())));
        checks();
        allRuns();
        sweep("Concurrency (closed loop, 1 KB bodies)", "connections", r -> r.kind().equals("closed-loop") && r.bodyBytes() == Settings.BODY_BYTES && !r.stream(),
                r -> String.valueOf(r.connections()));
        sweep("Request size (closed loop)", "body, connections", r -> r.kind().equals("closed-loop") && !r.stream()
                        && (r.bodyBytes() != Settings.BODY_BYTES || r.connections() == 1 || r.connections() == s.connections()),
                r -> (r.bodyBytes() / 1024) + " KB, " + r.connections());
        peer();
        hold();
        md.append("""
                +p50 / +p99 / +TTFT: the proxy's percentile minus the direct one in the same scenario (its overhead as a client sees it).
                Closed-loop rows (wrk) time each request from its send to its last byte; fixed-rate rows time it from its *intended*
                send time (coordinated omission corrected), and streams also to the first SSE data event (TTFT). CPU s/1k: CPU
                seconds of the server under test per 1,000 successful requests (= ms per request); RSS: peak VmRSS sampled every
                100 ms; busy: all cores of the machine. Raw numbers are in results.json.
                """);
        return md.toString();
    }

    private void checks() {
        if (!results.targets().contains(Target.FLOOR)) {
            md.append("## Targets\n\n| goal | run | measured | result |\n|---|---|---|---|\n");
            for (Check c : checks) md.append(row(c.goal(), c.scenario(), c.measured(), verdict(c)));
        } else {
            // The floor: what a proxy with no policies adds on this machine in the same run, for the same figure.
            md.append("## Targets\n\n| goal | run | measured | bare Vert.x proxy | result |\n|---|---|---|---|---|\n");
            for (Check c : checks) md.append(row(c.goal(), c.scenario(), c.measured(), floor(c), verdict(c)));
        }
        md.append('\n');
    }

    private static String verdict(Check c) { return c.result().equals("pass") ? "pass" : "**" + c.result() + "**"; }

    private static String floor(Check c) {
        if (c.floor() == null) return "–";
        if (c.unit().equals("ratio")) return String.format("%.1f×", c.floor());
        return String.format(c.measured().startsWith("+") || c.measured().startsWith("-") ? "%+.0f µs" : "%.0f µs", c.floor());
    }

    private void allRuns() {
        md.append("## All runs\n\n");
        md.append("| scenario | target | load | req/s | p50 | p90 | p99 | p99.9 | +p50 | +p99 | TTFT p50 | TTFT p99 | +TTFT p99 | errors | CPU s/1k | RSS MiB | busy |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ResultRow r : results.rows()) {
            Percentiles l = r.latency(), t = r.ttft(), add = results.addedLatency(r), addT = results.addedTtft(r);
            md.append(row(r.scenario(), r.target(), load(r), r.kind().equals("hold") ? "–" : rps(r.requestsPerSecond()),
                    ms(l, Percentiles::p50Us), ms(l, Percentiles::p90Us), ms(l, Percentiles::p99Us), ms(l, Percentiles::p999Us),
                    signed(add, Percentiles::p50Us), signed(add, Percentiles::p99Us),
                    ms(t, Percentiles::p50Us), ms(t, Percentiles::p99Us), signed(addT, Percentiles::p99Us),
                    errors(r), cpu(r), mib(r), String.format("%.0f%%", r.machineBusy() * 100)));
        }
        md.append('\n');
    }

    /** One table per sweep: one line per point, the proxies side by side. */
    private void sweep(String title, String key, java.util.function.Predicate<ResultRow> in, Function<ResultRow, String> point) {
        List<String> proxies = proxies();
        List<ResultRow> direct = results.rows().stream().filter(r -> r.target().equals(Target.DIRECT) && in.test(r))
                .sorted(java.util.Comparator.comparing(ResultRow::bodyBytes).thenComparing(ResultRow::connections)).toList();
        if (direct.isEmpty() || proxies.isEmpty()) return;
        md.append("## ").append(title).append("\n\n| ").append(key).append(" | direct req/s |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String p : proxies) {
            md.append(String.format(" %1$s req/s | %1$s +p50 | %1$s +p99 | %1$s CPU s/1k | %1$s RSS MiB |", p));
            rule.append("---:|---:|---:|---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (ResultRow d : direct) {
            List<String> cells = new ArrayList<>(List.of(point.apply(d), rps(d.requestsPerSecond())));
            for (String p : proxies) {
                Optional<ResultRow> r = results.row(d.scenario(), p);
                Percentiles add = r.map(results::addedLatency).orElse(null);
                cells.add(r.map(x -> rps(x.requestsPerSecond())).orElse("–"));
                cells.add(signed(add, Percentiles::p50Us));
                cells.add(signed(add, Percentiles::p99Us));
                cells.add(r.map(this::cpu).orElse("–"));
                cells.add(r.map(this::mib).orElse("–"));
            }
            md.append(row(cells.toArray(String[]::new)));
        }
        md.append('\n');
    }

    private void peer() {
        if (!results.targets().contains("portkey")) return;
        md.append("## Switchboard and Portkey side by side\n\n");
        md.append("| scenario | SB req/s | PK req/s | SB/PK | SB +p50 | PK +p50 | SB +p99 | PK +p99 | SB CPU s/1k | PK CPU s/1k | PK/SB CPU | SB RSS MiB | PK RSS MiB | PK/SB RSS |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String scenario : results.scenarios()) {
            Optional<ResultRow> sb = results.row(scenario, Target.SWITCHBOARD), pk = results.row(scenario, "portkey");
            if (sb.isEmpty() || pk.isEmpty() || sb.get().kind().equals("hold")) continue; // the hold has its own table
            ResultRow a = sb.get(), b = pk.get();
            Percentiles addA = results.addedLatency(a), addB = results.addedLatency(b);
            md.append(row(scenario, rps(a.requestsPerSecond()), rps(b.requestsPerSecond()), ratio(a.requestsPerSecond(), b.requestsPerSecond()),
                    signed(addA, Percentiles::p50Us), signed(addB, Percentiles::p50Us), signed(addA, Percentiles::p99Us), signed(addB, Percentiles::p99Us),
                    cpu(a), cpu(b), ratio(b.cpuSecondsPer1k(), a.cpuSecondsPer1k()), mib(a), mib(b), ratio(b.peakRssMiB(), a.peakRssMiB())));
        }
        md.append('\n');
    }

    private void hold() {
        List<ResultRow> holds = results.rows().stream().filter(r -> r.kind().equals("hold")).toList();
        if (holds.isEmpty()) return;
        md.append("## Streams held open together\n\n| target | streams | open at once | open at the end | errors | TTFT p50 | TTFT p99 | RSS before MiB | peak RSS MiB | CPU s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ResultRow r : holds) {
            ProcessUsage u = r.server();
            md.append(row(r.target(), String.format("%,d", r.connections()), String.format("%,d", r.maxOpenStreams()),
                    String.format("%,d", r.requests()), errors(r), ms(r.ttft(), Percentiles::p50Us), ms(r.ttft(), Percentiles::p99Us),
                    u == null ? "–" : String.format("%.0f", u.startRssKb() / 1024.0), mib(r),
                    u == null ? "–" : String.format("%.1f", u.cpuSeconds())));
        }
        md.append('\n');
    }

    private List<String> proxies() {
        return results.targets().stream().filter(t -> !t.equals(Target.DIRECT)).toList();
    }

    private static String load(ResultRow r) {
        String what = switch (r.kind()) {
            case "closed-loop" -> r.connections() + " conn";
            case "fixed-rate" -> String.format("%,d/s", r.rate());
            default -> String.format("%,d streams", r.connections());
        };
        return what + (r.stream() ? ", SSE" : "") + (r.bodyBytes() != Settings.BODY_BYTES ? ", " + r.bodyBytes() / 1024 + " KB" : "");
    }

    private String cpu(ResultRow r) {
        double v = r.cpuSecondsPer1k();
        return Double.isNaN(v) ? "–" : String.format("%.3f", v);
    }

    private String mib(ResultRow r) {
        double v = r.peakRssMiB();
        return Double.isNaN(v) ? "–" : String.format("%.0f", v);
    }

    private static String errors(ResultRow r) {
        if (r.requests() == 0 && r.errorCount() == 0) return "**none answered**"; // wrk counts only finished requests
        return r.errorCount() == 0 ? "0" : String.format("**%,d**", r.errorCount());
    }

    private static String rps(double v) { return String.format("%,.0f", v); }

    private static String ratio(double a, double b) {
        return b > 0 && !Double.isNaN(a) && !Double.isNaN(b) ? String.format("%.1f×", a / b) : "–";
    }

    private static String ms(Percentiles p, Function<Percentiles, Double> pick) {
        return p == null ? "–" : String.format("%.3f", pick.apply(p) / 1000);
    }

    private static String signed(Percentiles p, Function<Percentiles, Double> pick) {
        return p == null ? "–" : String.format("%+.3f", pick.apply(p) / 1000);
    }

    private static String orQ(String s) { return s == null ? "?" : s; }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
