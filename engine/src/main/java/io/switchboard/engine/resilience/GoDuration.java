package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * Parses Go's {@code time.Duration} text ({@code 6m0s}, {@code 1.5s}, {@code 20ms}, {@code 1h2m3.5s}),
 * the format of OpenAI's {@code x-ratelimit-reset-*} headers. Grammar from Go's {@code time.ParseDuration}:
 * a sequence of decimal numbers, each with an optional fraction and a unit (ns, us, µs, ms, s, m, h).
 */
public final class GoDuration {
    private GoDuration() {}

    /** The duration {@code text} denotes, or empty when it is not Go duration syntax. */
    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.trim();
        if (s.equals("0")) return Optional.of(Duration.ZERO);
        if (s.isEmpty()) return Optional.empty();
        double totalNanos = 0;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (i == numberStart) return Optional.empty();
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            long unitNanos = unitNanos(s.substring(unitStart, i));
            if (unitNanos < 0) return Optional.empty();
            double number;
            try {
                number = Double.parseDouble(s.substring(numberStart, unitStart));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            totalNanos += number * unitNanos;
        }
        if (!(totalNanos < Long.MAX_VALUE)) return Optional.empty();
        return Optional.of(Duration.ofNanos(Math.round(totalNanos)));
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1L;
        };
    }
}
