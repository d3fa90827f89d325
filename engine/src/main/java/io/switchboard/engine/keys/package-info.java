/**
 * Virtual keys: per-user or per-service gateway keys, each mapped to a team, budgets, allowed models and
 * routes, and rate limits.
 *
 * <p>On the request path the gateway's key check calls
 * {@link io.switchboard.engine.keys.VirtualKeyStore#authenticate} (in memory, non-blocking, safe on the
 * event loop). The resulting {@link io.switchboard.engine.keys.VirtualKey} says whether the model and route
 * are allowed, which budget scopes to reserve against ({@code scopes()}), and which rate limits apply; the
 * cost steps then run as described in {@link io.switchboard.engine.cost}: estimate → reserve → call →
 * settle (or release on failure) → ledger write off the event loop, keyed by the key's id.
 *
 * <p>Administration ({@code create}, {@code rotate}, {@code revoke}) writes the shared SQLite database and
 * blocks. The plain key ({@code sk-sb-...}) is returned once in an {@link io.switchboard.engine.keys.IssuedKey}
 * and never stored or logged; only a peppered hash is kept ({@link io.switchboard.engine.keys.KeyPepper}).
 * A newly created key's budgets must also be given to the {@code BudgetBook}
 * ({@code book.define(...)} for each of {@code key.toBudgets()}).
 */
package io.switchboard.engine.keys;
