package io.switchboard.engine.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Reserve-then-settle spending control over every budget that applies to a call.
 *
 * <p>{@link #reserve} checks the worst-case cost against all budgets of the given scopes (plus the global
 * budget, which always applies when one is defined) and the per-request caps, and holds it in all of them
 * or in none. After the call, {@link #settle} replaces the hold with the actual cost; on failure
 * {@link #release} drops the hold. Because holds count against what remains, concurrent calls can never
 * together spend more than a budget allows, as long as each call's actual cost stays within its worst case.
 *
 * <p>One lock guards all accounts: the global budget, if any, is in every reservation anyway, and each
 * operation is a few decimal additions, so finer locking would add deadlock risk without throughput.
 * The lock is a {@link ReentrantLock} so virtual threads do not pin. Windows roll over by the injected
 * {@link Clock}. Nothing here does I/O except {@link #restore}, which reads the ledger.
 */
public final class BudgetBook {
    private static final System.Logger LOG = System.getLogger(BudgetBook.class.getName());
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Clock clock;
    private final ZoneId zone;
    private final BudgetListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong ids = new AtomicLong();
    private final Map<BudgetScope, Map<BudgetPeriod, BudgetAccount>> accounts = new HashMap<>();
    private final Map<BudgetScope, Money> caps = new HashMap<>();

    private BudgetBook(Builder b) {
        this.clock = b.clock;
        this.zone = b.zone;
        this.listener = b.listener;
        b.budgets.values().forEach(this::define);
        caps.putAll(b.caps);
    }

    public static Builder builder() { return new Builder(); }

    /** Adds a budget, or replaces the limit of the scope's budget with the same period, keeping its spend. */
    public void define(Budget budget) {
        Objects.requireNonNull(budget, "budget");
        locked(() -> {
            Map<BudgetPeriod, BudgetAccount> byPeriod =
                    accounts.computeIfAbsent(budget.scope(), s -> new EnumMap<>(BudgetPeriod.class));
            BudgetAccount existing = byPeriod.get(budget.period());
            if (existing != null) existing.redefine(budget);
            else byPeriod.put(budget.period(), new BudgetAccount(budget, clock.instant(), zone));
            return null;
        });
    }

    /** Sets ({@code cap} non-null) or clears the most a single call in {@code scope} may cost. */
    public void capPerRequest(BudgetScope scope, Money cap) {
        Objects.requireNonNull(scope, "scope");
        if (cap != null && cap.isNegative()) throw new IllegalArgumentException("cap must not be negative, got " + cap);
        locked(() -> cap == null ? caps.remove(scope) : caps.put(scope, cap));
    }

    /** Forgets every budget and cap of {@code scope}. Open reservations on it still close normally. */
    public void undefine(BudgetScope scope) {
        locked(() -> {
            accounts.remove(scope);
            return caps.remove(scope);
        });
    }

    /**
     * Holds {@code worstCase} in every budget of {@code scopes} (and the global budget), or in none.
     * Scopes without budgets are accepted and hold nothing.
     *
     * @throws BudgetExceeded naming the first scope (in {@link BudgetScope} order) that cannot pay
     */
    public Reservation reserve(Set<BudgetScope> scopes, Money worstCase) {
        return reserve(scopes, worstCase, null);
    }

    /**
     * Holds {@code worstCase} only when every budget of {@code scopes} (and the global one) has room for
     * {@code slack} such calls and no per-request cap is below it; otherwise holds nothing and returns empty.
     * It lets a caller reserve a cheap, loose upper bound while the budgets are far from their limits, and
     * pay for a tight estimate only near them: over-holding a few calls' worth cannot refuse anything there.
     */
    public Optional<Reservation> reserveWithSlack(Set<BudgetScope> scopes, Money worstCase, int slack) {
        if (slack < 1) throw new IllegalArgumentException("slack must be >= 1, got " + slack);
        return Optional.ofNullable(reserve(scopes, worstCase, worstCase.times(BigDecimal.valueOf(slack))));
    }

    /** With {@code needed} null: holds or throws. Else: holds when every budget has {@code needed} left, or returns null. */
    private Reservation reserve(Set<BudgetScope> scopes, Money worstCase, Money needed) {
        Objects.requireNonNull(worstCase, "worstCase");
        if (worstCase.isNegative()) throw new IllegalArgumentException("worstCase must not be negative, got " + worstCase);
        Set<BudgetScope> checked = withGlobal(scopes);
        return locked(() -> {
            Instant now = clock.instant();
            List<BudgetAccount> touched = new ArrayList<>();
            for (BudgetScope scope : checked) {
                Money cap = caps.get(scope);
                if (cap != null && worstCase.greaterThan(cap)) {
                    if (needed != null) return null;
                    throw new BudgetExceeded(scope, null, BudgetExceeded.Reason.PER_REQUEST_CAP, cap, worstCase);
                }
                for (BudgetAccount account : accountsOf(scope)) {
                    account.roll(now, zone);
                    Money remaining = account.remaining();
                    if (needed != null && needed.greaterThan(remaining)) return null;
                    if (worstCase.greaterThan(remaining)) {
                        throw new BudgetExceeded(scope, account.budget().period(), BudgetExceeded.Reason.LIMIT,
                                remaining, worstCase);
                    }
                    touched.add(account);
                }
            }
            touched.forEach(a -> a.hold(worstCase));
            return new Reservation(ids.incrementAndGet(), worstCase, checked, now, this, touched);
        });
    }

    /**
     * Closes {@code reservation} with the call's {@code actual} cost: drops the hold and records the spend
     * in each budget's current window (even past the limit: the money is already spent).
     *
     * @return false if the reservation was already closed, in which case nothing changes
     */
    public boolean settle(Reservation reservation, Money actual) {
        Objects.requireNonNull(actual, "actual");
        if (actual.isNegative()) throw new IllegalArgumentException("actual cost must not be negative, got " + actual);
        List<BudgetEvent> events = new ArrayList<>();
        boolean closed = locked(() -> {
            if (!close(reservation, Reservation.State.SETTLED)) return false;
            Instant now = clock.instant();
            for (BudgetAccount account : reservation.accounts) {
                account.roll(now, zone);
                account.unhold(reservation.amount());
                account.spend(actual, events);
            }
            return true;
        });
        events.forEach(this::publish); // outside the lock, so listeners may call back in
        return closed;
    }

    /** Closes {@code reservation} without spend (the call failed before costing anything). */
    public boolean release(Reservation reservation) {
        return locked(() -> {
            if (!close(reservation, Reservation.State.RELEASED)) return false;
            reservation.accounts.forEach(a -> a.unhold(reservation.amount()));
            return true;
        });
    }

    /** The least any budget of {@code scope} has left (excluding the global budget), or empty if it has none. */
    public Optional<Money> remaining(BudgetScope scope) {
        return status(scope).stream().map(BudgetStatus::remaining).min(Money::compareTo);
    }

    /** A snapshot of each budget of {@code scope}. */
    public List<BudgetStatus> status(BudgetScope scope) {
        return locked(() -> {
            Instant now = clock.instant();
            List<BudgetStatus> out = new ArrayList<>();
            for (BudgetAccount account : accountsOf(scope)) {
                account.roll(now, zone);
                out.add(account.status());
            }
            return out;
        });
    }

    /**
     * The most one call charged to {@code scopes} (and the global budget) could cost right now: the least
     * that any of their budgets has left and any per-request cap. Empty when none of them is limited.
     */
    public Optional<Money> headroom(Set<BudgetScope> scopes) { return standing(scopes).headroom(); }

    /**
     * The {@link #headroom} of {@code scopes} and each of their budgets (and the global budget) whose settled
     * spend has reached its soft limit, in one pass under the lock: what the cost headers of every answer show.
     */
    public BudgetStanding standing(Set<BudgetScope> scopes) {
        Set<BudgetScope> all = withGlobal(scopes);
        return locked(() -> {
            Instant now = clock.instant();
            Money least = null;
            List<BudgetStatus> pastSoftLimit = List.of();
            for (BudgetScope scope : all) {
                Money cap = caps.get(scope);
                if (cap != null) least = least == null ? cap : Money.min(least, cap);
                for (BudgetAccount account : accountsOf(scope)) {
                    account.roll(now, zone);
                    Money left = account.remaining();
                    least = least == null ? left : Money.min(least, left);
                    if (account.pastSoftLimit()) {
                        if (pastSoftLimit.isEmpty()) pastSoftLimit = new ArrayList<>();
                        pastSoftLimit.add(account.status());
                    }
                }
            }
            return new BudgetStanding(Optional.ofNullable(least), pastSoftLimit);
        });
    }

    /**
     * How many output tokens the call may still ask for: {@code requestedMaxTokens}, lowered so that
     * {@code inputCost} plus the output at {@code price}'s (non-batch) output rate fits what every budget of
     * {@code scopes} (and the global budget) has left and every per-request cap. 0 means not even the input
     * fits. Advisory: the caller still reserves the resulting worst case.
     */
    public int clampMaxTokens(Set<BudgetScope> scopes, Money inputCost, ModelPrice price, int requestedMaxTokens) {
        Objects.requireNonNull(inputCost, "inputCost");
        Objects.requireNonNull(price, "price");
        if (requestedMaxTokens < 0) throw new IllegalArgumentException("requestedMaxTokens must not be negative");
        Money available = headroom(scopes).orElse(null);
        if (available == null || price.output().signum() == 0) return requestedMaxTokens;
        Money forOutput = available.minus(inputCost);
        if (!forOutput.isPositive()) return 0;
        BigDecimal affordable = forOutput.amount().multiply(MILLION).divide(price.output(), 0, RoundingMode.FLOOR);
        return affordable.compareTo(BigDecimal.valueOf(requestedMaxTokens)) >= 0 ? requestedMaxTokens : affordable.intValue();
    }

    /**
     * Sets each budget's spend in its current window from durable {@code history} (the ledger), so budgets
     * survive a restart. Blocking: call at startup, off the event loop, before traffic. History is read
     * outside the lock; a window that rolled over meanwhile is left alone.
     */
    public void restore(SpendHistory history) {
        Map<BudgetAccount, BudgetWindow> windows = new HashMap<>();
        locked(() -> {
            Instant now = clock.instant();
            accounts.values().forEach(byPeriod -> byPeriod.values().forEach(a -> {
                a.roll(now, zone);
                windows.put(a, a.window());
            }));
            return null;
        });
        Map<BudgetAccount, Money> loaded = new HashMap<>();
        windows.forEach((account, window) -> loaded.put(account, history.spendSince(account.budget().scope(), window.start())));
        locked(() -> {
            loaded.forEach((account, spent) -> account.restore(windows.get(account), spent));
            return null;
        });
    }

    public ZoneId zone() { return zone; }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private boolean close(Reservation reservation, Reservation.State to) {
        Objects.requireNonNull(reservation, "reservation");
        if (reservation.book != this) throw new IllegalArgumentException("reservation belongs to another BudgetBook");
        if (reservation.state != Reservation.State.OPEN) return false;
        reservation.state = to;
        return true;
    }

    private Collection<BudgetAccount> accountsOf(BudgetScope scope) {
        Map<BudgetPeriod, BudgetAccount> byPeriod = accounts.get(scope);
        return byPeriod == null ? List.of() : byPeriod.values();
    }

    private Set<BudgetScope> withGlobal(Set<BudgetScope> scopes) {
        Set<BudgetScope> all = new TreeSet<>(Objects.requireNonNull(scopes, "scopes"));
        all.add(BudgetScope.global());
        return all;
    }

    private void publish(BudgetEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A failing listener must not undo or block accounting that already happened.
            LOG.log(System.Logger.Level.WARNING, "budget listener failed on " + event, e);
        }
    }

    /** Configures a {@link BudgetBook}; defaults: system UTC clock, UTC windows, no listener. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private BudgetListener listener = BudgetListener.NONE;
        private final Map<String, Budget> budgets = new LinkedHashMap<>();
        private final Map<BudgetScope, Money> caps = new HashMap<>();

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }

        /** The time zone whose wall clock decides when DAY and MONTH budgets reset. */
        public Builder zone(ZoneId v) { zone = Objects.requireNonNull(v, "zone"); return this; }

        public Builder listener(BudgetListener v) { listener = Objects.requireNonNull(v, "listener"); return this; }

        public Builder budget(Budget budget) {
            String key = budget.scope() + "/" + budget.period();
            if (budgets.putIfAbsent(key, budget) != null) {
                throw new IllegalArgumentException("two budgets for " + budget.scope() + " per " + budget.period());
            }
            return this;
        }

        public Builder budgets(Collection<Budget> all) { all.forEach(this::budget); return this; }

        public Builder perRequestCap(BudgetScope scope, Money cap) {
            if (Objects.requireNonNull(cap, "cap").isNegative()) {
                throw new IllegalArgumentException("cap must not be negative, got " + cap);
            }
            caps.put(Objects.requireNonNull(scope, "scope"), cap);
            return this;
        }

        public BudgetBook build() { return new BudgetBook(this); }
    }
}
