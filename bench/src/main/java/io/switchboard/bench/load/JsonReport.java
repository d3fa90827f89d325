package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The machine-readable result (results.json): the machine, the settings, every row with its derived numbers
 * (added latency, CPU per 1,000 requests, peak RSS, peer ratios) and the target checks. Latencies in
 * microseconds, memory in MiB; a number that could not be measured is null.
 */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static String render(BenchResults results, List<Check> checks) {
        ObjectNode root = JSON.createObjectNode();
        root.set("machine", JSON.valueToTree(results.machine()));
        Settings s = results.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("quick", s.quick()).put("duration_s", s.duration().toSeconds()).put("warmup_s", s.warmup().toSeconds())
                .put("chunks", s.chunks()).put("connections", s.connections()).put("large_body_bytes", s.largeBodyBytes())
                .put("hold_streams", s.holdStreams()).put("hold_s", s.hold().toSeconds()).put("peer", s.peer()).put("floor", s.floor()).put("repeat", s.repeat())
                .put("journal", s.journal());
        settings.set("sweep", JSON.valueToTree(s.sweep()));
        settings.set("rates", JSON.valueToTree(s.rates()));
        ArrayNode rows = root.putArray("rows");
        for (ResultRow r : results.rows()) {
            ObjectNode row = JSON.valueToTree(r);
            row.put("error_count", r.errorCount());
            number(row, "cpu_s_per_1k_requests", r.cpuSecondsPer1k());
            number(row, "peak_rss_mib", r.peakRssMiB());
            row.set("added_latency", JSON.valueToTree(results.addedLatency(r)));
            row.set("added_ttft", JSON.valueToTree(results.addedTtft(r)));
            results.baseline(r).ifPresent(b -> number(row, "throughput_vs_direct", r.requestsPerSecond() / b.requestsPerSecond()));
            if (r.target().equals("portkey")) {
                results.row(r.scenario(), Target.SWITCHBOARD).ifPresent(sb -> {
                    number(row, "switchboard_throughput_ratio", sb.requestsPerSecond() / r.requestsPerSecond());
                    number(row, "cpu_ratio_vs_switchboard", r.cpuSecondsPer1k() / sb.cpuSecondsPer1k());
                    number(row, "rss_ratio_vs_switchboard", r.peakRssMiB() / sb.peakRssMiB());
                });
            }
            rows.add(row);
        }
        root.set("checks", JSON.valueToTree(checks));
        // --repeat: the rows above are medians; here is every round as measured.
        ArrayNode rounds = root.putArray("rounds");
        for (ResultRow r : results.rounds()) {
            ObjectNode row = JSON.valueToTree(r);
            row.put("error_count", r.errorCount());
            number(row, "cpu_s_per_1k_requests", r.cpuSecondsPer1k());
            rounds.add(row);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write results.json", e);
        }
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) node.putNull(field);
        else node.put(field, v);
    }
}
