package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Tracks one route's SLO burn over a short and a long sliding window and turns it into a
 * {@link Posture} the engine acts on. Two SLIs: availability (failed ÷ all) and latency (slow ÷
 * successful); a window's burn rate is the worse of the two. Thread-safe.
 */
public final class ErrorBudget {

    /** The two windows of the multi-window rule. */
    public enum Window { SHORT, LONG }

    private final String route;
    private final ErrorBudgetConfig config;
    private final LongSupplier nanoTicker;
    private final PostureListener listener;
    private final Counts shortCounts;
    private final Counts longCounts;
    private Posture lastPosture = Posture.NORMAL;

    public ErrorBudget(String route, ErrorBudgetConfig config, LongSupplier nanoTicker, PostureListener listener) {
        this.route = Objects.requireNonNull(route, "route");
        this.config = Objects.requireNonNull(config, "config");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.shortCounts = new Counts(config.shortWindow());
        this.longCounts = new Counts(config.longWindow());
    }

    /** Records one finished request of the route. */
    public synchronized void record(boolean success, Duration latency) {
        long now = nanoTicker.getAsLong();
        boolean slow = success && latency.compareTo(config.latencyThreshold()) > 0;
        shortCounts.add(now, success, slow);
        longCounts.add(now, success, slow);
    }

    /** The worse of the availability and latency burn rates over {@code window}; 0 without traffic. */
    public synchronized double burnRate(Window window) {
        return Math.max(availabilityBurnRate(window), latencyBurnRate(window));
    }

    public synchronized double availabilityBurnRate(Window window) {
        Counts c = counts(window);
        long now = nanoTicker.getAsLong();
        long total = c.total.sum(now);
        return total == 0 ? 0 : (double) c.failed.sum(now) / total / (1 - config.availabilityObjective());
    }

    public synchronized double latencyBurnRate(Window window) {
        Counts c = counts(window);
        long now = nanoTicker.getAsLong();
        long successes = c.total.sum(now) - c.failed.sum(now);
        return successes == 0 ? 0 : (double) c.slow.sum(now) / successes / (1 - config.latencyObjective());
    }

    /**
     * The posture with the highest threshold that both windows reach (each with at least
     * {@code minimumEvents} requests); NORMAL if none. Notifies the listener when it changes.
     */
    public Posture posture() {
        Posture from;
        Posture to;
        synchronized (this) {
            to = currentPosture();
            from = lastPosture;
            lastPosture = to;
        }
        if (from != to) listener.onPostureChange(route, from, to);
        return to;
    }

    private Posture currentPosture() {
        long now = nanoTicker.getAsLong();
        if (shortCounts.total.sum(now) < config.minimumEvents() || longCounts.total.sum(now) < config.minimumEvents()) {
            return Posture.NORMAL;
        }
        double burn = Math.min(burnRate(Window.SHORT), burnRate(Window.LONG));
        Posture chosen = Posture.NORMAL;
        for (Posture p : Posture.values()) {
            double threshold = config.threshold(p);
            if (p != Posture.NORMAL && burn >= threshold && threshold >= config.threshold(chosen)) chosen = p;
        }
        return chosen;
    }

    private Counts counts(Window window) {
        return window == Window.SHORT ? shortCounts : longCounts;
    }

    public String route() { return route; }

    private static final class Counts {
        final WindowedCounter total;
        final WindowedCounter failed;
        final WindowedCounter slow;

        Counts(Duration window) {
            total = new WindowedCounter(window, ErrorBudgetConfig.SLOTS);
            failed = new WindowedCounter(window, ErrorBudgetConfig.SLOTS);
            slow = new WindowedCounter(window, ErrorBudgetConfig.SLOTS);
        }

        void add(long now, boolean success, boolean isSlow) {
            total.add(now, 1);
            if (!success) failed.add(now, 1);
            if (isSlow) slow.add(now, 1);
        }
    }
}
