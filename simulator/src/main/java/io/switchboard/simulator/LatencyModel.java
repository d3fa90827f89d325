package io.switchboard.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the simulated model takes: a time to first token, then a steady output rate. Streams send the
 * first output frame after {@code timeToFirstToken} and space later ones by their token count; a JSON answer
 * waits for the whole generation. {@link #NONE} answers at once and never schedules a timer.
 *
 * @param timeToFirstToken delay before the first output token (zero for none)
 * @param tokensPerSecond output rate; {@link Double#POSITIVE_INFINITY} means no per-token delay
 */
public record LatencyModel(Duration timeToFirstToken, double tokensPerSecond) {

    public static final LatencyModel NONE = new LatencyModel(Duration.ZERO, Double.POSITIVE_INFINITY);

    public LatencyModel {
        if (timeToFirstToken == null || timeToFirstToken.isNegative()) {
            throw new IllegalArgumentException("timeToFirstToken must be >= 0");
        }
        if (!(tokensPerSecond > 0)) throw new IllegalArgumentException("tokensPerSecond must be > 0");
    }

    /** True when nothing is ever delayed. */
    public boolean isNone() {
        return timeToFirstToken.isZero() && Double.isInfinite(tokensPerSecond);
    }

    /** Nanoseconds it takes to emit {@code tokens} output tokens after the first one. */
    public long nanosForTokens(int tokens) {
        if (Double.isInfinite(tokensPerSecond) || tokens <= 0) return 0;
        return (long) (tokens * 1_000_000_000d / tokensPerSecond);
    }

    /** Nanoseconds a complete (non-streamed) answer of {@code outputTokens} takes. */
    public long totalNanos(int outputTokens) {
        return timeToFirstToken.toNanos() + nanosForTokens(Math.max(0, outputTokens - 1));
    }

    /**
     * Parses a CLI spec: {@code none}, or comma-separated {@code ttft_ms=N} and {@code tps=X} (either may be
     * left out: no first-token delay, no per-token delay).
     */
    public static LatencyModel parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("latency spec is missing");
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none") || s.isEmpty()) return NONE;
        Duration ttft = Duration.ZERO;
        double tps = Double.POSITIVE_INFINITY;
        for (String part : s.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("bad latency term '" + part + "' in '" + spec + "'");
            String key = kv[0].trim();
            String value = kv[1].trim();
            try {
                switch (key) {
                    case "ttft_ms" -> ttft = Duration.ofMillis(Long.parseLong(value));
                    case "tps" -> tps = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException(
                            "unknown latency key '" + key + "' (expected ttft_ms or tps)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + value + "' for " + key + " in '" + spec + "'");
            }
        }
        return new LatencyModel(ttft, tps);
    }
}
