package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-08-21T12:40:00Z"), ZoneOffset.UTC);

    private Optional<Duration> parse(String... keyValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) headers.put(keyValues[i], keyValues[i + 1]);
        return RetryAfter.parse(headers, clock);
    }

    @Test
    void emptyOrNullHeadersGiveNothing() {
        assertThat(RetryAfter.parse(Map.of(), clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(parse("content-type", "application/json")).isEmpty();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(parse("retry-after", "5", "retry-after-ms", "1500")).contains(Duration.ofMillis(1500));
        assertThat(parse("retry-after-ms", "12.5")).contains(Duration.ofNanos(12_500_000));
    }

    @Test
    void retryAfterSecondsMayHaveAFraction() {
        assertThat(parse("retry-after", "3")).contains(Duration.ofSeconds(3));
        assertThat(parse("retry-after", "0.25")).contains(Duration.ofMillis(250));
    }

    @Test
    void retryAfterHttpDateIsRelativeToTheClock() {
        assertThat(parse("retry-after", "Thu, 21 Aug 2025 12:40:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(parse("retry-after", "Thu, 21 Aug 2025 12:39:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void malformedValuesAreSkippedForTheNextSource() {
        assertThat(parse("retry-after-ms", "soon", "retry-after", "2")).contains(Duration.ofSeconds(2));
        assertThat(parse("retry-after", "NaN", "x-ratelimit-reset-requests", "1s")).contains(Duration.ofSeconds(1));
        assertThat(parse("retry-after", "-3")).isEmpty();
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(parse("Retry-After-Ms", "40")).contains(Duration.ofMillis(40));
        assertThat(parse("RETRY-AFTER", "7")).contains(Duration.ofSeconds(7));
    }

    @Test
    void openAiResetHeadersAreGoDurations() {
        assertThat(parse("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s"))
                .contains(Duration.ofSeconds(1));
        assertThat(parse("x-ratelimit-reset-tokens", "6m0s")).contains(Duration.ofMinutes(6));
    }

    @Test
    void openAiPrefersTheDimensionThatRanOut() {
        assertThat(parse("x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-requests", "12",
                "x-ratelimit-reset-tokens", "20ms", "x-ratelimit-remaining-tokens", "0"))
                .contains(Duration.ofMillis(20));
    }

    @Test
    void retryAfterWinsOverResetHeaders() {
        assertThat(parse("x-ratelimit-reset-tokens", "6m0s", "retry-after", "2")).contains(Duration.ofSeconds(2));
    }

    @Test
    void anthropicResetHeadersAreRfc3339Instants() {
        assertThat(parse("anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z")).contains(Duration.ofSeconds(59));
        assertThat(parse("anthropic-ratelimit-tokens-reset", "2025-08-21T14:41:00+02:00")).contains(Duration.ofMinutes(1));
        assertThat(parse("anthropic-ratelimit-tokens-reset", "2025-08-21T12:00:00Z")).contains(Duration.ZERO);
    }

    @Test
    void anthropicPrefersTheExhaustedDimension() {
        assertThat(parse("anthropic-ratelimit-requests-reset", "2025-08-21T12:40:01Z",
                "anthropic-ratelimit-requests-remaining", "40",
                "anthropic-ratelimit-output-tokens-reset", "2025-08-21T12:40:10Z",
                "anthropic-ratelimit-output-tokens-remaining", "0"))
                .contains(Duration.ofSeconds(10));
    }

    @Test
    void goDurationGrammar() {
        assertThat(GoDuration.parse("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(GoDuration.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("20ms")).contains(Duration.ofMillis(20));
        assertThat(GoDuration.parse("1h2m3.5s")).contains(Duration.ofSeconds(3723).plusMillis(500));
        assertThat(GoDuration.parse("250us")).contains(Duration.ofNanos(250_000));
        assertThat(GoDuration.parse("250µs")).contains(Duration.ofNanos(250_000));
        assertThat(GoDuration.parse("17ns")).contains(Duration.ofNanos(17));
        assertThat(GoDuration.parse("0")).contains(Duration.ZERO);
        assertThat(GoDuration.parse("")).isEmpty();
        assertThat(GoDuration.parse("5")).isEmpty();
        assertThat(GoDuration.parse("5x")).isEmpty();
        assertThat(GoDuration.parse("s")).isEmpty();
        assertThat(GoDuration.parse("1..2s")).isEmpty();
        assertThat(GoDuration.parse(null)).isEmpty();
    }
}
