package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link TargetBreaker}.
 *
 * @param failureRateThreshold     percent of failed calls in the window that opens the breaker (1–100)
 * @param slowCallRateThreshold    percent of slow calls that opens it (1–100; 100 = only if every call is slow)
 * @param slowCallDuration         a call taking at least this long is slow (for streams: time to first token)
 * @param windowType               whether the window counts calls or seconds
 * @param windowSize               calls or seconds in the sliding window
 * @param minimumCalls             calls needed in the window before rates are judged
 * @param waitInOpen               how long the breaker stays open before allowing probes
 * @param probesInHalfOpen         probe calls allowed while half-open; their outcome decides
 */
public record TargetBreakerConfig(float failureRateThreshold, float slowCallRateThreshold, Duration slowCallDuration,
                                  WindowType windowType, int windowSize, int minimumCalls, Duration waitInOpen,
                                  int probesInHalfOpen) {

    /** How the sliding window is measured. */
    public enum WindowType { CALLS, SECONDS }

    public TargetBreakerConfig {
        checkPercent("failureRateThreshold", failureRateThreshold);
        checkPercent("slowCallRateThreshold", slowCallRateThreshold);
        BackoffConfig.requirePositive("slowCallDuration", slowCallDuration);
        if (windowType == null) throw new IllegalArgumentException("windowType must not be null");
        checkAtLeastOne("windowSize", windowSize);
        checkAtLeastOne("minimumCalls", minimumCalls);
        BackoffConfig.requirePositive("waitInOpen", waitInOpen);
        checkAtLeastOne("probesInHalfOpen", probesInHalfOpen);
    }

    public static TargetBreakerConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    private static void checkPercent(String name, float v) {
        if (!(v > 0 && v <= 100)) throw new IllegalArgumentException(name + " must be in (0, 100] but was " + v);
    }

    private static void checkAtLeastOne(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1 but was " + v);
    }

    /**
     * Fluent builder; each setter rejects a bad value at once. Defaults: 50 % failures or 80 % calls slower
     * than 30 s over the last 20 calls (at least 10), open for 30 s, 3 probes.
     */
    public static final class Builder {
        private float failureRateThreshold = 50;
        private float slowCallRateThreshold = 80;
        private Duration slowCallDuration = Duration.ofSeconds(30);
        private WindowType windowType = WindowType.CALLS;
        private int windowSize = 20;
        private int minimumCalls = 10;
        private Duration waitInOpen = Duration.ofSeconds(30);
        private int probesInHalfOpen = 3;

        private Builder() {}

        public Builder failureRateThreshold(float v) {
            checkPercent("failureRateThreshold", v);
            failureRateThreshold = v;
            return this;
        }

        public Builder slowCallRateThreshold(float v) {
            checkPercent("slowCallRateThreshold", v);
            slowCallRateThreshold = v;
            return this;
        }

        public Builder slowCallDuration(Duration v) {
            BackoffConfig.requirePositive("slowCallDuration", v);
            slowCallDuration = v;
            return this;
        }

        /** A window over the last {@code calls} calls. */
        public Builder countWindow(int calls) {
            checkAtLeastOne("windowSize", calls);
            windowType = WindowType.CALLS;
            windowSize = calls;
            return this;
        }

        /** A window over the last {@code seconds} seconds. */
        public Builder timeWindow(int seconds) {
            checkAtLeastOne("windowSize", seconds);
            windowType = WindowType.SECONDS;
            windowSize = seconds;
            return this;
        }

        public Builder minimumCalls(int v) { checkAtLeastOne("minimumCalls", v); minimumCalls = v; return this; }

        public Builder waitInOpen(Duration v) { BackoffConfig.requirePositive("waitInOpen", v); waitInOpen = v; return this; }

        public Builder probesInHalfOpen(int v) {
            checkAtLeastOne("probesInHalfOpen", v);
            probesInHalfOpen = v;
            return this;
        }

        public TargetBreakerConfig build() {
            return new TargetBreakerConfig(failureRateThreshold, slowCallRateThreshold, slowCallDuration, windowType,
                    windowSize, minimumCalls, waitInOpen, probesInHalfOpen);
        }
    }
}
