package io.switchboard.engine.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What may move a request from one target of a route to the next ({@code routes.<alias>.fallback_on}).
 * Client errors (400, 401, 403, 404, 422) never do; a context-length error does only with
 * {@code context_fallback}, and only toward a target with a larger declared window.
 */
public enum FallbackTrigger {
    /** A connect, first-byte, idle or total timeout of the attempt, or an upstream 408/504. */
    TIMEOUT("timeout"),
    /** The connection could not be made or broke before an answer. */
    CONNECTION("connection"),
    /** The provider answered 429 (rate limit or quota). */
    STATUS_429("429"),
    /** The provider answered 5xx other than 529. */
    STATUS_5XX("5xx"),
    /** Anthropic's 529 overloaded. */
    STATUS_529("529"),
    /** The target's circuit breaker refused the attempt. */
    CIRCUIT_OPEN("circuit_open"),
    /** The target's local token bucket is empty (and waiting is not configured or would not fit). */
    RATE_LIMIT("rate_limit"),
    /** The target's concurrency limit (bulkhead) is full. */
    CONCURRENCY("concurrency"),
    /** A spend budget refused the target ({@code budget_exceeded}). */
    BUDGET("budget");

    private final String configName;

    FallbackTrigger(String configName) { this.configName = configName; }

    /** The name used in YAML. */
    public String configName() { return configName; }

    public static Set<FallbackTrigger> all() { return EnumSet.allOf(FallbackTrigger.class); }

    /** The trigger called {@code name} in YAML, or null. */
    public static FallbackTrigger byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.configName.equals(n)).findFirst().orElse(null);
    }
}
