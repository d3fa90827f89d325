package io.switchboard.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.engine.resilience.GoDuration;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Typed reads of one YAML mapping for the {@code resilience} reader, failing with the JSON Pointer of the
 * bad field (the config reader turns it into a line number). Durations are Go-style text ({@code 250ms},
 * {@code 2s}, {@code 5m}) or a whole number of milliseconds.
 */
record YamlFields(JsonNode node, String at, BiFunction<String, String, ConfigException> fail) {

    YamlFields {
        if (node != null && !node.isObject()) throw fail.apply(at, pointerName(at) + " must be a mapping");
    }

    boolean has(String key) { return node != null && node.has(key) && !node.get(key).isNull(); }

    YamlFields child(String key) { return new YamlFields(has(key) ? node.get(key) : null, at(key), fail); }

    String at(String key) { return at + "/" + key.replace("~", "~0").replace("/", "~1"); }

    void allow(String... keys) {
        if (node == null) return;
        Set<String> ok = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ok.contains(key)) throw fail.apply(at(key), "unknown key '" + key + "' (expected one of " + new TreeSet<>(ok) + ")");
        }
    }

    String text(String key, String dflt) {
        if (!has(key)) return dflt;
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.textValue().isBlank()) throw fail.apply(at(key), key + " must be a non-empty string");
        return v.textValue().strip();
    }

    long integer(String key, long dflt, long min, long max) {
        if (!has(key)) return dflt;
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            throw fail.apply(at(key), key + " must be an integer from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", got " + v);
        }
        return v.longValue();
    }

    double decimal(String key, double dflt, double min, double max) {
        if (!has(key)) return dflt;
        JsonNode v = node.get(key);
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw fail.apply(at(key), key + " must be a number from " + min + " to " + max + ", got " + v);
        }
        return v.doubleValue();
    }

    boolean bool(String key, boolean dflt) {
        if (!has(key)) return dflt;
        JsonNode v = node.get(key);
        if (!v.isBoolean()) throw fail.apply(at(key), key + " must be true or false");
        return v.booleanValue();
    }

    Duration duration(String key, Duration dflt) {
        if (!has(key)) return dflt;
        JsonNode v = node.get(key);
        Duration d = v.isIntegralNumber() ? Duration.ofMillis(v.longValue())
                : v.isTextual() ? GoDuration.parse(v.textValue()).orElse(null) : null;
        if (d == null || d.isNegative() || d.isZero()) {
            throw fail.apply(at(key), key + " must be a positive duration such as 250ms, 2s or 5m (or milliseconds), got " + v);
        }
        return d;
    }

    /** Runs {@code build}, turning a validation error of the built value into a config error at this mapping. */
    <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw fail.apply(at, e.getMessage());
        }
    }

    private static String pointerName(String at) {
        return at.isEmpty() ? "the config" : at.substring(at.lastIndexOf('/') + 1);
    }
}
