package io.switchboard.simulator;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Renders rate-limit state the way each provider does (provider-apis.md A3 and B3): OpenAI
 * {@code x-ratelimit-*} with Go-style durations, Anthropic {@code anthropic-ratelimit-*} with RFC 3339 resets
 * and token counts rounded to the nearest thousand.
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {}

    static void openAi(RateLimitState s, Map<String, String> out) {
        String reset = goDuration(s.resetIn());
        out.put("x-ratelimit-limit-requests", Long.toString(s.requestLimit()));
        out.put("x-ratelimit-limit-tokens", Long.toString(s.tokenLimit()));
        out.put("x-ratelimit-remaining-requests", Long.toString(s.requestsRemaining()));
        out.put("x-ratelimit-remaining-tokens", Long.toString(s.tokensRemaining()));
        out.put("x-ratelimit-reset-requests", reset);
        out.put("x-ratelimit-reset-tokens", reset);
    }

    static void anthropic(RateLimitState s, Map<String, String> out) {
        String reset = DateTimeFormatter.ISO_INSTANT.format(s.resetAt().truncatedTo(ChronoUnit.SECONDS));
        put(out, "requests", s.requestLimit(), s.requestsRemaining(), reset);
        long tokensRemaining = Math.round(s.tokensRemaining() / 1000.0) * 1000;
        for (String kind : new String[] {"tokens", "input-tokens", "output-tokens"}) {
            put(out, kind, s.tokenLimit(), Math.min(tokensRemaining, s.tokenLimit()), reset);
        }
    }

    private static void put(Map<String, String> out, String kind, long limit, long remaining, String reset) {
        out.put("anthropic-ratelimit-" + kind + "-limit", Long.toString(limit));
        out.put("anthropic-ratelimit-" + kind + "-remaining", Long.toString(remaining));
        out.put("anthropic-ratelimit-" + kind + "-reset", reset);
    }

    /** The {@code retry-after} (whole seconds, at least 1) and {@code retry-after-ms} headers. */
    static void retryAfter(long millis, Map<String, String> out) {
        out.put("retry-after", Long.toString(Math.max(1, (millis + 999) / 1000)));
        out.put("retry-after-ms", Long.toString(millis));
    }

    /** Formats like Go's {@code time.Duration.String()} at millisecond precision: {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    static String goDuration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        long hours = ms / 3_600_000;
        long minutes = (ms / 60_000) % 60;
        long seconds = (ms / 1000) % 60;
        long fraction = ms % 1000;
        StringBuilder sb = new StringBuilder();
        if (hours > 0) sb.append(hours).append('h');
        if (hours > 0 || minutes > 0) sb.append(minutes).append('m');
        sb.append(seconds);
        if (fraction > 0) {
            String f = String.format("%03d", fraction);
            sb.append('.').append(f.replaceAll("0+$", ""));
        }
        return sb.append('s').toString();
    }

}
