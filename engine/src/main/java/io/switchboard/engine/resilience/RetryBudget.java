package io.switchboard.engine.resilience;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Caps retries to a fraction of recent traffic to one target, so retries cannot multiply load on a
 * struggling provider (a "retry storm"). Over a sliding window, granted retries stay below
 * {@code ratio × requests + minRetriesPerSecond × windowSeconds}; the floor lets low-traffic targets retry.
 *
 * <p>Modelled on Envoy's and Finagle's retry budgets. Hand-written: neither resilience4j nor Failsafe nor
 * bucket4j offers a budget tied to request volume. Call {@link #onRequest()} once per original request
 * (not per retry) and {@link #tryAcquireRetry()} before each retry. Thread-safe; a grant is atomic with
 * its check, so concurrent callers never exceed the budget.
 */
public final class RetryBudget {
    private final RetryBudgetConfig config;
    private final LongSupplier nanoTicker;
    private final WindowedCounter requests;
    private final WindowedCounter retries;
    private final double floor;

    public RetryBudget(RetryBudgetConfig config, LongSupplier nanoTicker) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.requests = new WindowedCounter(config.window(), RetryBudgetConfig.SLOTS);
        this.retries = new WindowedCounter(config.window(), RetryBudgetConfig.SLOTS);
        this.floor = config.minRetriesPerSecond() * config.window().toNanos() / 1e9;
    }

    /** Records one original (non-retry) request. */
    public synchronized void onRequest() {
        requests.add(nanoTicker.getAsLong(), 1);
    }

    /** Takes one retry from the budget; false means "do not retry". */
    public synchronized boolean tryAcquireRetry() {
        long now = nanoTicker.getAsLong();
        if (retries.sum(now) + 1 > allowed(now)) return false;
        retries.add(now, 1);
        return true;
    }

    /** Retries still available in the current window. */
    public synchronized long available() {
        long now = nanoTicker.getAsLong();
        return Math.max(0, (long) Math.floor(allowed(now)) - retries.sum(now));
    }

    private double allowed(long now) {
        // The epsilon absorbs binary rounding such as 0.29 × 100 = 28.999999999999996.
        return config.ratio() * requests.sum(now) + floor + 1e-9;
    }

    public RetryBudgetConfig config() { return config; }
}
