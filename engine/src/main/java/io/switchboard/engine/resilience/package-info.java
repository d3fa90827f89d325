/**
 * Storm control: the resilience algorithms the engine's policy chain applies to every call. Plain
 * synchronous Java over in-memory state; time comes from an injected monotonic nano ticker
 * ({@code LongSupplier}) or, where a library or a wall-clock date demands it, a {@link java.time.Clock}.
 * Nothing here blocks or schedules: a wait is returned as a {@link java.time.Duration} and the engine sets
 * the timer. Rejections are return values ({@code false}, a sealed decision type), never exceptions.
 *
 * <h2>Order in the chain</h2>
 * <ol>
 *   <li><b>Deadline</b> — {@link io.switchboard.engine.resilience.Deadline#of} from the route's
 *       {@link io.switchboard.engine.resilience.TimeoutTier} when the request arrives; everything below fits inside it.
 *       {@link io.switchboard.engine.resilience.IdempotencyStore} runs first of all when the client sent an
 *       {@code Idempotency-Key}: only the leader goes on.</li>
 *   <li><b>Posture</b> — {@link io.switchboard.engine.resilience.ErrorBudget#posture()} of the route may shed
 *       low-priority traffic, switch to a faster tier, or switch retries off for this request.</li>
 *   <li><b>Admission, per target</b> — {@link io.switchboard.engine.resilience.TargetRateLimiter#reserve} (wait if
 *       {@link io.switchboard.engine.resilience.TargetRateLimiter#worthWaiting}, else next target), then
 *       {@link io.switchboard.engine.resilience.Bulkhead#tryAcquire()} (refused: cancel the reservation, next target).</li>
 *   <li><b>Route</b> — pick the target among the route's candidates; one that fails admission or the breaker
 *       is skipped in favour of the next (fallback).</li>
 *   <li><b>Breaker</b> — {@link io.switchboard.engine.resilience.TargetBreaker#tryAcquire()}; after the attempt,
 *       {@link io.switchboard.engine.resilience.TargetBreaker#onOutcome}.</li>
 *   <li><b>Attempt</b> — with {@link io.switchboard.engine.resilience.Deadline#attemptTimeouts} as connect,
 *       first-byte, idle and total timers. {@link io.switchboard.engine.resilience.RetryBudget#onRequest()}
 *       once per original request.</li>
 *   <li><b>Retry</b> — on failure, {@link io.switchboard.engine.resilience.RetryPolicy#decide} (guard clauses;
 *       {@link io.switchboard.engine.resilience.Backoff} honours {@link io.switchboard.engine.resilience.RetryAfter};
 *       the {@link io.switchboard.engine.resilience.RetryBudget} is charged last), then back to admission.</li>
 *   <li><b>Settle</b> — release the bulkhead, {@link io.switchboard.engine.resilience.TokenReservation#settle} with the
 *       real usage, {@link io.switchboard.engine.resilience.TargetRateLimiter#observe} the provider's headers,
 *       {@link io.switchboard.engine.resilience.ErrorBudget#record} the final outcome, complete the idempotency leader.</li>
 * </ol>
 * {@link io.switchboard.engine.resilience.PerTarget} holds one breaker, bulkhead, limiter and retry budget per target.
 */
package io.switchboard.engine.resilience;
