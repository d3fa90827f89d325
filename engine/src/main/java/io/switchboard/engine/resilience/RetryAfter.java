package io.switchboard.engine.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads the server's "wait this long" hint from response headers. Sources, first usable one wins:
 * <ol>
 *   <li>{@code retry-after-ms}: milliseconds, fraction allowed (Stainless SDKs' extension);</li>
 *   <li>{@code retry-after}: seconds (fraction allowed) or an HTTP-date (RFC 9110 §10.2.3);</li>
 *   <li>OpenAI {@code x-ratelimit-reset-requests} / {@code -tokens}: Go durations such as {@code 6m0s};</li>
 *   <li>Anthropic {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset}: RFC 3339 instants.</li>
 * </ol>
 * Among the reset headers of one provider, the dimension whose {@code remaining} is 0 is preferred (that is
 * the limit actually hit); otherwise they are read in the order listed. Parse order and formats follow
 * provider-apis.md A3/B3 and the SDKs' {@code _calculate_retry_timeout}. Malformed values are skipped.
 * A time in the past yields {@link Duration#ZERO}.
 */
public final class RetryAfter {
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final String[] OPENAI_DIMENSIONS = {"requests", "tokens"};
    private static final String[] ANTHROPIC_DIMENSIONS = {"requests", "tokens", "input-tokens", "output-tokens"};

    private RetryAfter() {}

    /** The server's delay hint, or empty when no header gives a usable one. */
    public static Optional<Duration> parse(Map<String, String> headers, Clock clock) {
        if (headers == null || headers.isEmpty()) return Optional.empty();
        Optional<Duration> ms = decimal(HeaderValues.get(headers, "retry-after-ms"), 1_000_000L);
        if (ms.isPresent()) return ms;
        Optional<Duration> retryAfter = retryAfter(HeaderValues.get(headers, "retry-after"), clock);
        if (retryAfter.isPresent()) return retryAfter;
        Optional<Duration> openAi = reset(headers, OPENAI_DIMENSIONS,
                dim -> "x-ratelimit-reset-" + dim, dim -> "x-ratelimit-remaining-" + dim, GoDuration::parse);
        if (openAi.isPresent()) return openAi;
        return reset(headers, ANTHROPIC_DIMENSIONS, dim -> "anthropic-ratelimit-" + dim + "-reset",
                dim -> "anthropic-ratelimit-" + dim + "-remaining", value -> until(rfc3339(value), clock));
    }

    private static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null) return Optional.empty();
        Optional<Duration> seconds = decimal(value, 1_000_000_000L);
        if (seconds.isPresent()) return seconds;
        try {
            return until(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), clock);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> reset(Map<String, String> headers, String[] dimensions,
                                            UnaryOperator<String> resetName, UnaryOperator<String> remainingName,
                                            Function<String, Optional<Duration>> parser) {
        Optional<Duration> firstPresent = Optional.empty();
        for (String dim : dimensions) {
            Optional<Duration> reset = parser.apply(HeaderValues.get(headers, resetName.apply(dim)));
            if (reset.isEmpty()) continue;
            if (HeaderValues.nonNegativeLong(headers, remainingName.apply(dim)) == 0) return reset;
            if (firstPresent.isEmpty()) firstPresent = reset;
        }
        return firstPresent;
    }

    private static Optional<Duration> decimal(String value, long nanosPerUnit) {
        if (value == null || !DECIMAL.matcher(value).matches()) return Optional.empty();
        double nanos = Double.parseDouble(value) * nanosPerUnit;
        if (!(nanos < Long.MAX_VALUE)) return Optional.empty();
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    private static Instant rfc3339(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<Duration> until(Instant when, Clock clock) {
        if (when == null) return Optional.empty();
        Duration d = Duration.between(clock.instant(), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
}
