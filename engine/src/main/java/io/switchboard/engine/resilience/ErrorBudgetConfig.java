package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A route's SLO and how burn rates map to postures. Burn rate = observed bad fraction ÷ allowed bad
 * fraction (1 − objective); 1.0 spends the budget exactly over the SLO period. A posture applies when
 * both the short and the long window burn at or above its threshold (Google SRE workbook, "Alerting on
 * SLOs", multi-window multi-burn-rate): the long window shows the burn is significant, the short one
 * that it is still going on.
 *
 * @param availabilityObjective fraction of requests that must succeed (e.g. 0.995)
 * @param latencyThreshold      a successful request slower than this counts against the latency SLO
 * @param latencyObjective      fraction of successful requests that must beat {@code latencyThreshold}
 * @param shortWindow           short window (workbook: 5 min with a 1 h long window)
 * @param longWindow            long window
 * @param minimumEvents         requests a window needs before its burn rate can change the posture
 * @param thresholds            burn rate at which each non-NORMAL posture applies; infinity disables one
 */
public record ErrorBudgetConfig(double availabilityObjective, Duration latencyThreshold, double latencyObjective,
                                Duration shortWindow, Duration longWindow, int minimumEvents,
                                Map<Posture, Double> thresholds) {
    /** Slots per window: window edges move in steps of window/60. */
    static final int SLOTS = 60;

    public ErrorBudgetConfig {
        checkObjective("availabilityObjective", availabilityObjective);
        BackoffConfig.requirePositive("latencyThreshold", latencyThreshold);
        checkObjective("latencyObjective", latencyObjective);
        checkWindow("shortWindow", shortWindow);
        checkWindow("longWindow", longWindow);
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException(
                    "shortWindow " + shortWindow + " must be shorter than longWindow " + longWindow);
        }
        if (minimumEvents < 1) throw new IllegalArgumentException("minimumEvents must be >= 1 but was " + minimumEvents);
        thresholds = Map.copyOf(thresholds);
        for (Posture p : Posture.values()) {
            if (p == Posture.NORMAL) continue;
            Double t = thresholds.get(p);
            if (t == null) throw new IllegalArgumentException("missing threshold for " + p);
            checkThreshold(p, t);
        }
    }

    public static ErrorBudgetConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    public double threshold(Posture posture) {
        return posture == Posture.NORMAL ? 0 : thresholds.get(posture);
    }

    private static void checkObjective(String name, double v) {
        if (!(v > 0 && v < 1)) throw new IllegalArgumentException(name + " must be in (0, 1) but was " + v);
    }

    private static void checkWindow(String name, Duration v) {
        BackoffConfig.requirePositive(name, v);
        if (v.toMillis() < SLOTS) throw new IllegalArgumentException(name + " must be >= " + SLOTS + " ms but was " + v);
    }

    private static void checkThreshold(Posture p, double v) {
        if (!(v > 0)) throw new IllegalArgumentException("threshold for " + p + " must be > 0 but was " + v);
    }

    /**
     * Fluent builder; each setter rejects a bad value at once. Defaults: 99.5 % availability, 95 % under
     * 30 s, windows 5 min / 1 h, 20 events; STOP_RETRIES at burn 2, SHED_LOW_PRIORITY at 6, FASTER_TIER at
     * 14.4 (the workbook's page-level burn for a 30-day SLO).
     */
    public static final class Builder {
        private double availabilityObjective = 0.995;
        private Duration latencyThreshold = Duration.ofSeconds(30);
        private double latencyObjective = 0.95;
        private Duration shortWindow = Duration.ofMinutes(5);
        private Duration longWindow = Duration.ofHours(1);
        private int minimumEvents = 20;
        private final Map<Posture, Double> thresholds = new EnumMap<>(Map.of(
                Posture.STOP_RETRIES, 2.0, Posture.SHED_LOW_PRIORITY, 6.0, Posture.FASTER_TIER, 14.4));

        private Builder() {}

        public Builder availabilityObjective(double v) {
            checkObjective("availabilityObjective", v);
            availabilityObjective = v;
            return this;
        }

        public Builder latencyObjective(Duration threshold, double objective) {
            BackoffConfig.requirePositive("latencyThreshold", threshold);
            checkObjective("latencyObjective", objective);
            latencyThreshold = threshold;
            latencyObjective = objective;
            return this;
        }

        public Builder windows(Duration shortWindow, Duration longWindow) {
            checkWindow("shortWindow", shortWindow);
            checkWindow("longWindow", longWindow);
            this.shortWindow = shortWindow;
            this.longWindow = longWindow;
            return this;
        }

        public Builder minimumEvents(int v) {
            if (v < 1) throw new IllegalArgumentException("minimumEvents must be >= 1 but was " + v);
            minimumEvents = v;
            return this;
        }

        /** Burn rate from which {@code posture} applies; {@code Double.POSITIVE_INFINITY} turns it off. */
        public Builder threshold(Posture posture, double burnRate) {
            if (posture == null || posture == Posture.NORMAL) {
                throw new IllegalArgumentException("no threshold for " + posture);
            }
            checkThreshold(posture, burnRate);
            thresholds.put(posture, burnRate);
            return this;
        }

        public ErrorBudgetConfig build() {
            return new ErrorBudgetConfig(availabilityObjective, latencyThreshold, latencyObjective, shortWindow,
                    longWindow, minimumEvents, thresholds);
        }
    }
}
