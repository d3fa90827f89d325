package io.switchboard.engine.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A circuit breaker for one target (provider + model + key), on resilience4j's {@link CircuitBreaker}:
 * it opens when the failure rate or slow-call rate over a sliding window crosses its threshold, refuses
 * calls while open, then lets a few probes through (half-open) and closes or re-opens on their result.
 * The open → half-open move happens lazily on the next {@link #tryAcquire()} after the wait, read from
 * the injected {@link Clock}; no scheduler thread is used. Thread-safe.
 */
public final class TargetBreaker {
    /** resilience4j records failures as throwables; one shared, stackless instance keeps that free. */
    private static final Throwable FAILURE = new TargetFailure();

    private final String target;
    private final CircuitBreaker breaker;

    public TargetBreaker(String target, TargetBreakerConfig config, Clock clock, BreakerListener listener) {
        this.target = Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        this.breaker = CircuitBreaker.of(target, toLibraryConfig(config, Objects.requireNonNull(clock, "clock")));
        breaker.getEventPublisher().onStateTransition(event -> {
            BreakerState from = map(event.getStateTransition().getFromState());
            BreakerState to = map(event.getStateTransition().getToState());
            if (from != to) listener.onTransition(target, from, to);
        });
    }

    /** Permission to call the target now; false when open (or half-open with all probes out). Cheap, no exception. */
    public boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    /** Records a permitted call that succeeded after {@code latency} (slow if over the slow-call duration). */
    public void onSuccess(Duration latency) {
        breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Records a permitted call that failed because of the target. */
    public void onFailure(Duration latency) {
        breaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, FAILURE);
    }

    /** Returns a permission without judging the target (client cancelled, or the client's own mistake). */
    public void onIgnored() {
        breaker.releasePermission();
    }

    /**
     * Records a permitted call by its outcome: 2xx success; 5xx, 408, 429, connection errors and timeouts
     * count against the target; other 4xx are the caller's fault and are ignored.
     */
    public void onOutcome(AttemptOutcome outcome, Duration latency) {
        if (outcome.succeeded()) {
            onSuccess(latency);
        } else if (outcome.failure() != AttemptOutcome.Failure.NONE || outcome.status() >= 500
                || outcome.status() == 408 || outcome.status() == 429) {
            onFailure(latency);
        } else {
            onIgnored();
        }
    }

    public BreakerState state() {
        return map(breaker.getState());
    }

    /** Back to CLOSED with an empty window (an operator's reset). */
    public void reset() {
        breaker.reset();
    }

    public String target() { return target; }

    private static CircuitBreakerConfig toLibraryConfig(TargetBreakerConfig c, Clock clock) {
        boolean timeBased = c.windowType() == TargetBreakerConfig.WindowType.SECONDS;
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(c.failureRateThreshold())
                .slowCallRateThreshold(c.slowCallRateThreshold())
                .slowCallDurationThreshold(c.slowCallDuration())
                // The lock-free time window reads the system clock; only SYNCHRONIZED honours clock().
                .slidingWindow(c.windowSize(), c.minimumCalls(),
                        timeBased ? SlidingWindowType.TIME_BASED : SlidingWindowType.COUNT_BASED,
                        SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .waitDurationInOpenState(c.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(c.probesInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .build();
    }

    private static BreakerState map(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
        };
    }

    private static final class TargetFailure extends RuntimeException {
        TargetFailure() { super("target call failed", null, false, false); }
    }
}
