package io.switchboard.engine.cost;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Money held by {@link BudgetBook#reserve} against every budget of the call's scopes. Close it exactly once
 * with {@link BudgetBook#settle} or {@link BudgetBook#release}; later closes are ignored, so a
 * {@code finally { book.release(r); }} after a settle is safe.
 */
public final class Reservation {

    enum State { OPEN, SETTLED, RELEASED }

    private final long id;
    private final Money amount;
    private final Set<BudgetScope> scopes;
    private final Instant createdAt;
    final BudgetBook book;
    final List<BudgetAccount> accounts;
    State state = State.OPEN; // guarded by book's lock

    Reservation(long id, Money amount, Set<BudgetScope> scopes, Instant createdAt, BudgetBook book,
                List<BudgetAccount> accounts) {
        this.id = id;
        this.amount = amount;
        this.scopes = Set.copyOf(scopes);
        this.createdAt = createdAt;
        this.book = book;
        this.accounts = List.copyOf(accounts);
    }

    public long id() { return id; }

    /** The worst-case cost held. */
    public Money amount() { return amount; }

    /** The scopes checked, including {@link BudgetScope#global()} when a global budget exists. */
    public Set<BudgetScope> scopes() { return scopes; }

    public Instant createdAt() { return createdAt; }

    @Override
    public String toString() { return "Reservation[" + id + ", " + amount + ", " + scopes + "]"; }
}
