package io.switchboard.engine.policy;

import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import java.time.Duration;

/**
 * Errors the gateway raises itself, before or instead of an upstream attempt. Each carries a stable
 * {@code code} so the route policy can tell "the breaker refused" from "the provider refused", and the
 * client sees a status its SDK understands (503 or 429, with a retry hint where one is known).
 */
public final class LocalRefusal {
    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String TARGET_BUSY = "target_busy";
    public static final String LOCAL_RATE_LIMITED = "local_rate_limited";
    public static final String DEADLINE_EXCEEDED = "deadline_exceeded";
    public static final String LOAD_SHED = "load_shed";
    public static final String SPILL_CAPPED = "spill_capped";

    private LocalRefusal() {}

    public static ProviderException circuitOpen(Target target) {
        return new ProviderException(ProviderError.of(ErrorKind.UNAVAILABLE,
                "target " + target + " is failing; its circuit breaker is open").withCode(CIRCUIT_OPEN));
    }

    public static ProviderException busy(Target target, int limit) {
        return new ProviderException(ProviderError.of(ErrorKind.UNAVAILABLE,
                "target " + target + " already has " + limit + " requests in flight").withCode(TARGET_BUSY));
    }

    public static ProviderException rateLimited(Target target, Duration wait) {
        return new ProviderException(ProviderError.of(ErrorKind.RATE_LIMITED,
                "the gateway's rate limit for " + target + " is reached").withCode(LOCAL_RATE_LIMITED).withRetryAfter(wait));
    }

    public static ProviderException deadline(String what) {
        return new ProviderException(ProviderError.of(ErrorKind.TIMEOUT, what).withCode(DEADLINE_EXCEEDED));
    }

    public static ProviderException shed(String route) {
        return new ProviderException(ProviderError.of(ErrorKind.UNAVAILABLE, "route " + route
                + " is over its error budget and sheds low-priority requests").withCode(LOAD_SHED)
                .withRetryAfter(Duration.ofSeconds(1)));
    }

    /** Whether {@code error} is one of these refusals. */
    public static boolean isLocal(ProviderError error) {
        String c = error.code();
        return CIRCUIT_OPEN.equals(c) || TARGET_BUSY.equals(c) || LOCAL_RATE_LIMITED.equals(c)
                || DEADLINE_EXCEEDED.equals(c) || LOAD_SHED.equals(c) || SPILL_CAPPED.equals(c);
    }
}
