package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link RetryBudget}.
 *
 * @param ratio                retries allowed per original request over the window (0.1 = 10 %)
 * @param minRetriesPerSecond  floor so a quiet target may still retry; 0 disables the floor
 * @param window               length of the sliding window the ratio is measured over
 */
public record RetryBudgetConfig(double ratio, double minRetriesPerSecond, Duration window) {
    /** Slots the window is divided into; its edge moves in steps of {@code window / SLOTS}. */
    static final int SLOTS = 10;

    public RetryBudgetConfig {
        checkRatio(ratio);
        checkMinPerSecond(minRetriesPerSecond);
        checkWindow(window);
    }

    public static RetryBudgetConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    private static void checkRatio(double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("ratio must be in [0, 1] but was " + v);
    }

    private static void checkMinPerSecond(double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("minRetriesPerSecond must be finite and >= 0 but was " + v);
        }
    }

    private static void checkWindow(Duration v) {
        BackoffConfig.requirePositive("window", v);
        if (v.toMillis() < SLOTS) throw new IllegalArgumentException("window must be >= " + SLOTS + " ms but was " + v);
    }

    /** Fluent builder; each setter rejects a bad value at once. Defaults: 10 %, 1 retry/s floor, 10 s window. */
    public static final class Builder {
        private double ratio = 0.1;
        private double minRetriesPerSecond = 1;
        private Duration window = Duration.ofSeconds(10);

        private Builder() {}

        public Builder ratio(double v) { checkRatio(v); ratio = v; return this; }

        public Builder minRetriesPerSecond(double v) { checkMinPerSecond(v); minRetriesPerSecond = v; return this; }

        public Builder window(Duration v) { checkWindow(v); window = v; return this; }

        public RetryBudgetConfig build() { return new RetryBudgetConfig(ratio, minRetriesPerSecond, window); }
    }
}
