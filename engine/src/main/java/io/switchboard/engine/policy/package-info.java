/**
 * The storm-control policies on the request path, applying the algorithms of
 * {@link io.switchboard.engine.resilience}: {@link io.switchboard.engine.policy.TargetAdmissionPolicy} (token
 * buckets, circuit breaker, bulkhead per target) and {@link io.switchboard.engine.policy.AttemptTimeoutPolicy}
 * (first-byte, idle and deadline cuts per attempt), sharing one
 * {@link io.switchboard.engine.policy.ResilienceRuntime}. Waits are timers ({@link io.switchboard.engine.policy.Timers}),
 * never sleeps. See docs/routing.md.
 */
package io.switchboard.engine.policy;
