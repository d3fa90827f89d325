package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named set of timeouts for one kind of traffic. LLM calls need four, not one: connecting, waiting
 * for the first byte (for streams, the first token), the longest silence between stream chunks, and
 * the whole call.
 *
 * @param name      tier name as used in route configuration
 * @param connect   TCP + TLS connect
 * @param firstByte from request sent to the first response byte / first streamed token
 * @param idle      longest gap between two stream chunks
 * @param total     whole request, all attempts and backoff included
 */
public record TimeoutTier(String name, Duration connect, Duration firstByte, Duration idle, Duration total) {
    /** Chat UIs: fail fast so a fallback still has time. */
    public static final TimeoutTier INTERACTIVE = builder("interactive")
            .connect(Duration.ofSeconds(2)).firstByte(Duration.ofSeconds(15)).idle(Duration.ofSeconds(15))
            .total(Duration.ofSeconds(60)).build();
    /** Ordinary API traffic. */
    public static final TimeoutTier STANDARD = builder("standard")
            .connect(Duration.ofSeconds(5)).firstByte(Duration.ofSeconds(60)).idle(Duration.ofSeconds(30))
            .total(Duration.ofMinutes(5)).build();
    /** Long generations and reasoning models; the SDKs' own default total is 10 minutes. */
    public static final TimeoutTier LONG = builder("long")
            .connect(Duration.ofSeconds(5)).firstByte(Duration.ofMinutes(5)).idle(Duration.ofSeconds(90))
            .total(Duration.ofMinutes(10)).build();

    public TimeoutTier {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank but was " + name);
        BackoffConfig.requirePositive("connect", connect);
        BackoffConfig.requirePositive("firstByte", firstByte);
        BackoffConfig.requirePositive("idle", idle);
        BackoffConfig.requirePositive("total", total);
        for (Duration part : List.of(connect, firstByte, idle)) {
            if (part.compareTo(total) > 0) {
                throw new IllegalArgumentException("tier " + name + ": " + part + " exceeds total " + total);
            }
        }
    }

    /** The built-in tier called {@code name}: interactive, standard or long. */
    public static TimeoutTier named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "interactive" -> INTERACTIVE;
            case "standard" -> STANDARD;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException(
                    "unknown timeout tier '" + name + "' (interactive, standard, long)");
        };
    }

    public static Builder builder(String name) { return new Builder(name); }

    /** A builder starting from this tier's values, for per-route overrides. */
    public Builder toBuilder() {
        return new Builder(name).connect(connect).firstByte(firstByte).idle(idle).total(total);
    }

    /** Fluent builder; each setter rejects a bad value at once, {@link #build()} checks that parts fit in total. */
    public static final class Builder {
        private final String name;
        private Duration connect = Duration.ofSeconds(5);
        private Duration firstByte = Duration.ofSeconds(60);
        private Duration idle = Duration.ofSeconds(30);
        private Duration total = Duration.ofMinutes(5);

        private Builder(String name) { this.name = name; }

        public Builder connect(Duration v) { BackoffConfig.requirePositive("connect", v); connect = v; return this; }

        public Builder firstByte(Duration v) { BackoffConfig.requirePositive("firstByte", v); firstByte = v; return this; }

        public Builder idle(Duration v) { BackoffConfig.requirePositive("idle", v); idle = v; return this; }

        public Builder total(Duration v) { BackoffConfig.requirePositive("total", v); total = v; return this; }

        public TimeoutTier build() { return new TimeoutTier(name, connect, firstByte, idle, total); }
    }
}
