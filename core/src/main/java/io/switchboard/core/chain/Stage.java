package io.switchboard.core.chain;

/**
 * The positions a {@link Policy} can take in a {@link PolicyChain}, outermost first. The declaration
 * order IS the execution order:
 * <ol>
 *   <li>{@link #AUTH}: who is calling (the gateway authenticates before building a call; virtual keys plug in here).</li>
 *   <li>{@link #BUDGET}: spend reservation against the caller's budgets.</li>
 *   <li>{@link #RATE_LIMIT}: admission by request and token rates.</li>
 *   <li>{@link #ROUTE}: resolves the model or alias to targets and falls back across them; everything
 *       below runs once per target attempt.</li>
 *   <li>{@link #BREAKER}: per-target circuit breaker.</li>
 *   <li>{@link #RETRY}: a slot for an embedder's own retry policy; the engine's retries run in {@link #ROUTE},
 *       so that each one passes the breaker, buckets and bulkhead again under the same deadline.</li>
 *   <li>{@link #TIMEOUT}: per-attempt deadline.</li>
 *   <li>{@link #TRANSPORT}: the terminal step that talks to the upstream; never calls {@code proceed}.</li>
 * </ol>
 */
public enum Stage { AUTH, BUDGET, RATE_LIMIT, ROUTE, BREAKER, RETRY, TIMEOUT, TRANSPORT }
