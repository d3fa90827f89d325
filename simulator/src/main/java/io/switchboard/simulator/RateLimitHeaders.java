package io.switchboard.simulator;

import io.vertx.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Renders rate-limit state the way each provider does (provider-apis.md A3 and B3): OpenAI
 * {@code x-ratelimit-*} with Go-style durations, Anthropic {@code anthropic-ratelimit-*} with RFC 3339 resets
 * and token counts rounded to the nearest thousand. Every answer carries these headers, so names are
 * pre-encoded and the one costly format (the reset instant) is reused while it stays the same second.
 */
final class RateLimitHeaders {
    private static final CharSequence LIMIT_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-limit-requests");
    private static final CharSequence LIMIT_TOKENS = HttpHeaders.createOptimized("x-ratelimit-limit-tokens");
    private static final CharSequence REMAINING_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-remaining-requests");
    private static final CharSequence REMAINING_TOKENS = HttpHeaders.createOptimized("x-ratelimit-remaining-tokens");
    private static final CharSequence RESET_REQUESTS = HttpHeaders.createOptimized("x-ratelimit-reset-requests");
    private static final CharSequence RESET_TOKENS = HttpHeaders.createOptimized("x-ratelimit-reset-tokens");
    private static final String[] ANTHROPIC_KINDS = {"requests", "tokens", "input-tokens", "output-tokens"};
    private static final CharSequence[][] ANTHROPIC_NAMES = new CharSequence[ANTHROPIC_KINDS.length][];

    static {
        for (int i = 0; i < ANTHROPIC_KINDS.length; i++) {
            String prefix = "anthropic-ratelimit-" + ANTHROPIC_KINDS[i];
            ANTHROPIC_NAMES[i] = new CharSequence[] {HttpHeaders.createOptimized(prefix + "-limit"),
                HttpHeaders.createOptimized(prefix + "-remaining"), HttpHeaders.createOptimized(prefix + "-reset")};
        }
    }

    /** The last reset instant rendered, by whole epoch second; replaced as a unit so readers never tear. */
    private record RenderedSecond(long epochSecond, String text) {}

    private static volatile RenderedSecond lastReset = new RenderedSecond(Long.MIN_VALUE, "");

    private RateLimitHeaders() {}

    static void openAi(RateLimitState s, BiConsumer<CharSequence, CharSequence> out) {
        String reset = goDuration(s.resetIn());
        out.accept(LIMIT_REQUESTS, Long.toString(s.requestLimit()));
        out.accept(LIMIT_TOKENS, Long.toString(s.tokenLimit()));
        out.accept(REMAINING_REQUESTS, Long.toString(s.requestsRemaining()));
        out.accept(REMAINING_TOKENS, Long.toString(s.tokensRemaining()));
        out.accept(RESET_REQUESTS, reset);
        out.accept(RESET_TOKENS, reset);
    }

    static void anthropic(RateLimitState s, BiConsumer<CharSequence, CharSequence> out) {
        String reset = resetText(s.resetAt());
        put(out, ANTHROPIC_NAMES[0], s.requestLimit(), s.requestsRemaining(), reset);
        long tokensRemaining = Math.round(s.tokensRemaining() / 1000.0) * 1000;
        for (int i = 1; i < ANTHROPIC_NAMES.length; i++) {
            put(out, ANTHROPIC_NAMES[i], s.tokenLimit(), Math.min(tokensRemaining, s.tokenLimit()), reset);
        }
    }

    private static void put(BiConsumer<CharSequence, CharSequence> out, CharSequence[] names, long limit, long remaining,
                            String reset) {
        out.accept(names[0], Long.toString(limit));
        out.accept(names[1], Long.toString(remaining));
        out.accept(names[2], reset);
    }

    /** RFC 3339 at whole seconds, as Anthropic sends it. */
    private static String resetText(Instant at) {
        long second = at.getEpochSecond();
        RenderedSecond last = lastReset;
        if (last.epochSecond() == second) return last.text();
        String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
        lastReset = new RenderedSecond(second, text);
        return text;
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
        int fraction = (int) (ms % 1000);
        StringBuilder sb = new StringBuilder(16);
        if (hours > 0) sb.append(hours).append('h');
        if (hours > 0 || minutes > 0) sb.append(minutes).append('m');
        sb.append(seconds);
        if (fraction > 0) {
            // Three digits with trailing zeros dropped: 250 -> ".25", 5 -> ".005".
            sb.append('.').append((char) ('0' + fraction / 100));
            if (fraction % 100 > 0) sb.append((char) ('0' + fraction / 10 % 10));
            if (fraction % 10 > 0) sb.append((char) ('0' + fraction % 10));
        }
        return sb.append('s').toString();
    }
}
