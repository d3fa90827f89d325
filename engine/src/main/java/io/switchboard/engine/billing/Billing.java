package io.switchboard.engine.billing;

import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Stage;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetBook;
import io.switchboard.engine.cost.BudgetEvent;
import io.switchboard.engine.cost.BudgetListener;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.CostEstimator;
import io.switchboard.engine.cost.PriceCatalog;
import io.switchboard.engine.cost.SpendLedger;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.engine.cost.SqliteDatabase;
import io.switchboard.engine.keys.IssuedKey;
import io.switchboard.engine.keys.KeyPepper;
import io.switchboard.engine.keys.KeySpec;
import io.switchboard.engine.keys.VirtualKey;
import io.switchboard.engine.keys.VirtualKeyStore;
import io.switchboard.engine.routing.ModelRouter;
import io.switchboard.engine.transport.WireFormatLookup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Cost control as one unit: the price catalog and estimator, the budget book, the durable spend ledger and
 * the virtual keys, all over one SQLite file in the data directory. Opened once at start-up (blocking:
 * it migrates the database and rebuilds budgets from the ledger), handed to
 * {@code Switchboard.builder().billing(..)}, closed after the engine.
 *
 * <pre>{@code
 * try (Billing billing = Billing.open(config.billing(), dataDir, Clock.systemUTC());
 *      Switchboard engine = Switchboard.builder().config(config).billing(billing).build()) { ... }
 * }</pre>
 *
 * Key administration ({@link #createKey}, {@link #rotateKey}, {@link #revokeKey}) blocks on the database:
 * call it off the event loop. Everything the request path uses is in memory.
 */
public final class Billing implements AutoCloseable {
    /** The pepper mixed into stored key hashes; kept next to, not inside, the database. */
    public static final String PEPPER_FILE = "key-pepper";

    private final BillingConfig config;
    private final Clock clock;
    private final PriceCatalog catalog;
    private final CostEstimator estimator;
    private final BudgetBook book;
    private final SqliteDatabase db;
    private final SpendLedger ledger;
    private final VirtualKeyStore keys;
    private final LedgerWriter writer;
    private final List<BudgetListener> listeners = new CopyOnWriteArrayList<>();
    private final KeyRateLimits keyRates;

    private Billing(BillingConfig config, Path dataDir, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catalog = PriceCatalog.bundled().withOverrides(config.priceOverrides()).withUnknownModelPolicy(config.unknownModel());
        this.estimator = new CostEstimator(catalog);
        BudgetBook.Builder book = BudgetBook.builder().clock(clock).zone(config.zone()).listener(this::publish)
                .budgets(config.budgets());
        config.perRequestCaps().forEach(book::perRequestCap);
        this.book = book.build();
        this.db = SqliteDatabase.open(dataDir);
        try {
            this.ledger = new SpendLedger(db, clock);
            this.keys = new VirtualKeyStore(db, KeyPepper.loadOrCreate(dataDir.resolve(PEPPER_FILE), new SecureRandom()), clock);
            keys.list().stream().filter(k -> !k.isRevoked()).forEach(this::defineBudgets);
            this.book.restore(ledger);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.writer = new LedgerWriter(ledger);
        // Rate buckets run on the injected clock too, so tests move time instead of sleeping.
        this.keyRates = new KeyRateLimits(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
        listeners.add(new BudgetEventLog());
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir}, defines the configured budgets and every
     * active key's, and restores their spend in the current periods from the ledger. Blocking.
     */
    public static Billing open(BillingConfig config, Path dataDir, Clock clock) { return new Billing(config, dataDir, clock); }

    public BillingConfig config() { return config; }

    public Clock clock() { return clock; }

    public PriceCatalog catalog() { return catalog; }

    public CostEstimator estimator() { return estimator; }

    public BudgetBook book() { return book; }

    /** The ledger, for reports. Blocking; see {@link #flush} to include calls settled a moment ago. */
    public SpendLedger ledger() { return ledger; }

    /** The key store; {@link VirtualKeyStore#authenticate} is safe on an event loop. */
    public VirtualKeyStore keys() { return keys; }

    /** Also tells {@code listener} about soft and hard limits crossed (it runs on the settling thread; be quick). */
    public void addListener(BudgetListener listener) { listeners.add(Objects.requireNonNull(listener)); }

    /** Creates a key and puts its budgets in force. Blocking. */
    public IssuedKey createKey(KeySpec spec) {
        IssuedKey issued = keys.create(spec);
        defineBudgets(issued.key());
        return issued;
    }

    /** New secret for key {@code id}; budgets and spend stay. Blocking. */
    public IssuedKey rotateKey(String id) { return keys.rotate(id); }

    /**
     * Revokes key {@code id}: it stops authenticating at once; its spend stays in the ledger. Blocking.
     *
     * @return false if there is no such active key
     */
    public boolean revokeKey(String id) {
        boolean revoked = keys.revoke(id);
        if (revoked) {
            book.undefine(BudgetScope.key(id));
            keyRates.forget(id);
        }
        return revoked;
    }

    /** The active virtual key with id {@code keyId}, or null (the master key, an unknown id, a revoked key). */
    public VirtualKey activeKey(String keyId) {
        if (keyId == null) return null;
        return keys.get(keyId).filter(k -> !k.isRevoked()).orElse(null);
    }

    KeyRateLimits keyRates() { return keyRates; }

    /** Queues a settled call for the ledger; never blocks. */
    void record(SpendRecord record) { writer.submit(record); }

    /** Completes once every call settled so far is in the ledger. */
    public CompletableFuture<Void> flush() { return writer.flush(); }

    private void defineBudgets(VirtualKey key) {
        for (Budget b : key.toBudgets()) {
            book.define(new Budget(b.scope(), b.period(), b.limit(), config.softLimitFraction()));
        }
        if (key.maxCostPerRequest() != null) book.capPerRequest(BudgetScope.key(key.id()), key.maxCostPerRequest());
    }

    private void publish(BudgetEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    /** Writes what is still queued to the ledger, then closes the database. Blocking. */
    @Override
    public void close() {
        writer.close();
        db.close();
    }

    /**
     * The policies that put this on a request path: virtual-key permissions at AUTH, reserve-then-settle at
     * BUDGET. {@code Switchboard.Builder.billing(..)} adds them.
     */
    public List<Map.Entry<Stage, Policy>> policies(GatewayConfig gateway, ModelRouter router, WireFormatLookup formats) {
        return List.of(Map.entry(Stage.AUTH, new KeyPermissionPolicy(this, gateway, router)),
                Map.entry(Stage.BUDGET, new BudgetPolicy(this, gateway, router, formats)));
    }
}
