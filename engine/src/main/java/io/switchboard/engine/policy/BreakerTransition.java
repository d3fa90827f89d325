package io.switchboard.engine.policy;

import io.switchboard.engine.resilience.BreakerState;
import java.time.Instant;

/** One state change of a target's circuit breaker, as logged and shown by the admin endpoint. */
public record BreakerTransition(String target, BreakerState from, BreakerState to, Instant at) {}
