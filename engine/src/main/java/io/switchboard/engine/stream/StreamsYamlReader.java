package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the {@code streams:} section (docs/streams.md) into a {@link StreamsConfig}. Every key and value is
 * checked; a problem is reported through {@code fail(jsonPointer, message)}, which the config reader turns into
 * an error naming the file and line.
 */
public final class StreamsYamlReader {
    private final BiFunction<String, String, ? extends RuntimeException> fail;

    private StreamsYamlReader(BiFunction<String, String, ? extends RuntimeException> fail) { this.fail = fail; }

    /** {@code section} may be null (absent): the defaults apply. */
    public static StreamsConfig read(JsonNode section, BiFunction<String, String, ? extends RuntimeException> fail) {
        if (section == null) return StreamsConfig.DEFAULTS;
        StreamsYamlReader r = new StreamsYamlReader(fail);
        r.mapping(section, "/streams", Set.of("journal", "recovery"));
        JournalLimits d = JournalLimits.DEFAULTS;
        JsonNode journal = section.path("journal");
        boolean durable = false;
        JournalLimits limits = d;
        if (!journal.isMissingNode()) {
            String at = "/streams/journal";
            r.mapping(journal, at, Set.of("max_streams", "max_bytes", "max_stream_bytes", "ttl_s", "store"));
            JsonNode store = journal.get("store");
            if (store != null) {
                if (!store.isTextual() || !Set.of("memory", "sqlite").contains(store.asText())) {
                    throw fail.apply(at + "/store", "store must be memory or sqlite");
                }
                durable = store.asText().equals("sqlite");
            }
            try {
                limits = new JournalLimits((int) r.number(journal, at, "max_streams", d.maxStreams(), 1, Integer.MAX_VALUE),
                        r.number(journal, at, "max_bytes", d.maxBytes(), 1024, Long.MAX_VALUE),
                        r.number(journal, at, "max_stream_bytes", d.maxStreamBytes(), 1024, Long.MAX_VALUE),
                        Duration.ofSeconds(r.number(journal, at, "ttl_s", d.ttl().toSeconds(), 1, 7 * 24 * 3600)));
            } catch (IllegalArgumentException e) {
                throw fail.apply(at, e.getMessage());
            }
        }
        RecoverySettings rd = RecoverySettings.DEFAULTS;
        RecoverySettings recovery = rd;
        JsonNode rec = section.path("recovery");
        if (!rec.isMissingNode()) {
            String at = "/streams/recovery";
            r.mapping(rec, at, Set.of("enabled", "max_attempts", "responses_background", "stall_timeout_ms"));
            long stall = r.number(rec, at, "stall_timeout_ms", 0, 1, 3_600_000);
            recovery = new RecoverySettings(r.bool(rec, at, "enabled", rd.enabled()),
                    (int) r.number(rec, at, "max_attempts", rd.maxAttempts(), 0, 100),
                    r.bool(rec, at, "responses_background", rd.responsesBackground()),
                    rec.has("stall_timeout_ms") ? Duration.ofMillis(stall) : null);
        }
        return new StreamsConfig(limits, durable, recovery);
    }

    private void mapping(JsonNode node, String at, Set<String> allowed) {
        if (!node.isObject()) throw fail.apply(at, at.substring(at.lastIndexOf('/') + 1) + " must be a mapping");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail.apply(at + "/" + name, "unknown key '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private long number(JsonNode node, String at, String key, long dflt, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null) return dflt;
        if (!v.canConvertToLong() || !v.isIntegralNumber()) throw fail.apply(at + "/" + key, key + " must be an integer");
        long n = v.asLong();
        if (n < min || n > max) throw fail.apply(at + "/" + key, key + " must be between " + min + " and " + max + ", got " + n);
        return n;
    }

    private boolean bool(JsonNode node, String at, String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null) return dflt;
        if (!v.isBoolean()) throw fail.apply(at + "/" + key, key + " must be true or false");
        return v.asBoolean();
    }
}
