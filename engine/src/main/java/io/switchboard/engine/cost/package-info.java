/**
 * Cost control: what calls cost, what they may cost, and what has been spent.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.switchboard.engine.cost.PriceCatalog}: prices per model (bundled {@code prices.json},
 *       overridable), turning a response's {@link io.switchboard.core.model.Usage} into a
 *       {@link io.switchboard.engine.cost.Cost}.</li>
 *   <li>{@link io.switchboard.engine.cost.CostEstimator}: the worst-case cost before a call, from a neutral
 *       request or a raw JSON body.</li>
 *   <li>{@link io.switchboard.engine.cost.BudgetBook}: budgets per key, team, route and globally, with
 *       reserve-then-settle so concurrent calls cannot overspend; periods from
 *       {@link io.switchboard.engine.cost.BudgetPeriod}.</li>
 *   <li>{@link io.switchboard.engine.cost.SpendLedger}: one durable row per settled call in the embedded
 *       {@link io.switchboard.engine.cost.SqliteDatabase}; the source budgets are rebuilt from.</li>
 * </ul>
 * Amounts are {@link io.switchboard.engine.cost.Money}: exact decimals, never {@code double}.
 *
 * <h2>On the request path</h2>
 * {@code io.switchboard.engine.billing.BudgetPolicy} does the following for every generation call:
 * <ol>
 *   <li><b>Estimate</b>: {@code estimator.estimate(request)} (or {@code estimateJson} for pass-through).
 *       Optionally lower {@code max_tokens} with {@code book.clampMaxTokens(...)} and estimate again.</li>
 *   <li><b>Reserve</b>: {@code book.reserve(scopes, estimate.worstCase())}, where scopes are the key's
 *       ({@code virtualKey.scopes()}) plus the route's; {@link io.switchboard.engine.cost.BudgetExceeded}
 *       (or {@link io.switchboard.engine.cost.UnknownModelException}) becomes the client's 4xx through
 *       {@code toProviderError()}.</li>
 *   <li><b>Call</b> the upstream.</li>
 *   <li><b>Settle</b> from the provider's reported usage: {@code book.settle(reservation,
 *       catalog.cost(model, usage, batch).total())}; or <b>release</b> with {@code book.release(reservation)}
 *       when the call failed before anything was billed. A stream cut off without final usage settles for
 *       what it produced (see {@code io.switchboard.engine.billing.MeteredByteSource} and docs/cost.md).</li>
 *   <li><b>Record</b>: {@code ledger.record(...)} on a virtual-thread executor, after the response is sent,
 *       never on the event loop.</li>
 * </ol>
 * {@code BudgetBook}, {@code PriceCatalog} and {@code CostEstimator} do no I/O (estimation is CPU work on
 * large prompts); {@code SpendLedger}, {@code SqliteDatabase} and {@code BudgetBook.restore} block on JDBC.
 *
 * <h2>At startup</h2>
 * Open the {@code SqliteDatabase} in the data directory, then the {@code SpendLedger} and the
 * {@link io.switchboard.engine.keys.VirtualKeyStore}; define the configured budgets and each key's
 * {@code toBudgets()} and {@code maxCostPerRequest()} in the {@code BudgetBook}; then
 * {@code book.restore(ledger)} so spend from before the restart still counts.
 */
package io.switchboard.engine.cost;
