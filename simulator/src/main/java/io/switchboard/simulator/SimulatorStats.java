package io.switchboard.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what the simulator received and how it answered. {@code byStatus} keys are HTTP status codes
 * as text ({@code "200"}, {@code "429"}) or {@code "reset"} for a connection dropped without an answer.
 * Requests without a model are not counted in {@code byModel}.
 */
public record SimulatorStats(long total, Map<String, Long> byPath, Map<String, Long> byModel, Map<String, Long> byStatus) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SimulatorStats {
        byPath = Map.copyOf(byPath);
        byModel = Map.copyOf(byModel);
        byStatus = Map.copyOf(byStatus);
    }

    /** Count for a status code, 0 if none. */
    public long status(int code) { return byStatus.getOrDefault(Integer.toString(code), 0L); }

    /** The {@code GET /sim/stats} body: {@code {"total":N,"by_path":{...},"by_model":{...},"by_status":{...}}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("total", total);
        put(root.putObject("by_path"), byPath);
        put(root.putObject("by_model"), byModel);
        put(root.putObject("by_status"), byStatus);
        return root.toString();
    }

    private static void put(ObjectNode node, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach(node::put);
    }
}
