package io.switchboard.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A list of fault rules; the first active rule that selects a request decides (see {@link ScenarioRule}).
 * Text form, JSON or YAML:
 * <pre>{"rules": [{"provider": "openai", "model": "gpt-4o*", "fault": "status:429", "rate": 0.5,
 *   "retry_after_ms": 1000, "duration_s": 30}]}</pre>
 */
public record Scenario(List<ScenarioRule> rules) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> RULE_KEYS = Set.of("provider", "model", "fault", "rate", "retry_after_ms", "duration_s");

    public Scenario {
        rules = List.copyOf(rules);
    }

    /** Parses JSON or YAML; throws {@link IllegalArgumentException} with a message naming the problem. */
    public static Scenario parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("scenario is empty");
        String trimmed = text.strip();
        JsonNode root;
        try {
            root = (trimmed.startsWith("{") || trimmed.startsWith("[") ? JSON : YAML).readTree(trimmed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scenario is not valid JSON or YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("scenario must be an object with a 'rules' list");
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) throw new IllegalArgumentException("scenario needs a 'rules' list");
        List<ScenarioRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                parsed.add(rule(rules.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rules[" + i + "]: " + e.getMessage());
            }
        }
        return new Scenario(parsed);
    }

    /** Reads and parses a JSON or YAML scenario file. */
    public static Scenario load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    private static ScenarioRule rule(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("a rule must be an object");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RULE_KEYS.contains(key)) throw new IllegalArgumentException("unknown key '" + key + "', expected one of " + RULE_KEYS);
        }
        String faultText = text(node, "fault");
        if (faultText == null) throw new IllegalArgumentException("'fault' is required");
        String provider = text(node, "provider");
        Double durationSeconds = number(node, "duration_s");
        Double retryAfter = number(node, "retry_after_ms");
        Double rate = number(node, "rate");
        return new ScenarioRule(
                provider == null ? null : Provider.parse(provider),
                Glob.of(text(node, "model")),
                Fault.parse(faultText),
                rate == null ? 1.0 : rate,
                retryAfter == null ? null : retryAfter.longValue(),
                durationSeconds == null ? null : Duration.ofMillis(Math.round(durationSeconds * 1000)));
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException("'" + key + "' must be a string");
        return v.asText();
    }

    private static Double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new IllegalArgumentException("'" + key + "' must be a number");
        return v.asDouble();
    }
}
