package io.switchboard.engine.keys;

import io.switchboard.engine.cost.Migration;
import io.switchboard.engine.cost.SqliteDatabase;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual keys: gateway API keys handed to users or services, each with its own team, budgets, allowed
 * models and routes, and rate limits. Created, listed, rotated and revoked here; persisted in the shared
 * {@link SqliteDatabase}; stored as a keyed hash only (see {@link KeySecrets}), so the plain key is seen
 * once, in the {@link IssuedKey} returned by {@link #create} or {@link #rotate}.
 *
 * <p>Threading: {@link #create}, {@link #rotate}, {@link #revoke} and {@link #reload} write the database and
 * block (call them off the event loop). {@link #authenticate}, {@link #get} and {@link #list} read an
 * in-memory snapshot and never block, so authentication may run on an event loop. The snapshot reflects
 * this store's own writes immediately; writes by another process are seen after {@link #reload}.
 */
public final class VirtualKeyStore {

    /** This component's name in {@code schema_version}. */
    public static final String COMPONENT = "virtual_keys";

    private final VirtualKeyTable table;
    private final KeySecrets secrets;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /**
     * Opens the store on {@code db}, migrating its table and loading all keys.
     *
     * @param pepper the secret mixed into key hashes (at least 16 bytes; see {@link KeyPepper})
     */
    public VirtualKeyStore(SqliteDatabase db, byte[] pepper, Clock clock, SecureRandom random) {
        Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = new KeySecrets(pepper, Objects.requireNonNull(random, "random"));
        db.migrate(COMPONENT, List.of(Migration.fromResource(VirtualKeyStore.class, "migrations/V1__virtual_keys.sql")), clock);
        this.table = new VirtualKeyTable(db);
        reload();
    }

    public VirtualKeyStore(SqliteDatabase db, byte[] pepper, Clock clock) { this(db, pepper, clock, new SecureRandom()); }

    /** Creates a key; the returned {@link IssuedKey} holds the only copy of its plain secret. */
    public IssuedKey create(KeySpec spec) {
        Objects.requireNonNull(spec, "spec");
        writeLock.lock();
        try {
            String plain = secrets.newKey();
            byte[] hash = secrets.hash(plain);
            VirtualKey key = new VirtualKey(secrets.newId(), spec, clock.instant(), null, null);
            table.insert(key, hash);
            snapshot = snapshot.with(new VirtualKeyTable.Row(key, hash));
            return new IssuedKey(key, plain);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Gives key {@code id} a new secret; the old one stops working at once.
     *
     * @throws NoSuchElementException if there is no such key
     * @throws IllegalStateException if the key is revoked
     */
    public IssuedKey rotate(String id) {
        writeLock.lock();
        try {
            VirtualKeyTable.Row current = snapshot.byId.get(id);
            if (current == null) throw new NoSuchElementException("no virtual key " + id);
            if (current.key().isRevoked()) throw new IllegalStateException("virtual key " + id + " is revoked");
            String plain = secrets.newKey();
            byte[] hash = secrets.hash(plain);
            VirtualKey rotated = current.key().withRotatedAt(clock.instant());
            if (!table.replaceSecret(id, hash, rotated.rotatedAt())) {
                throw new IllegalStateException("virtual key " + id + " changed in the database; reload and retry");
            }
            snapshot = snapshot.with(new VirtualKeyTable.Row(rotated, hash));
            return new IssuedKey(rotated, plain);
        } finally {
            writeLock.unlock();
        }
    }

    /** Revokes key {@code id} for good. Returns false if it does not exist or was already revoked. */
    public boolean revoke(String id) {
        writeLock.lock();
        try {
            VirtualKeyTable.Row current = snapshot.byId.get(id);
            if (current == null || current.key().isRevoked()) return false;
            VirtualKey revoked = current.key().withRevokedAt(clock.instant());
            if (!table.revoke(id, revoked.revokedAt())) return false;
            snapshot = snapshot.with(new VirtualKeyTable.Row(revoked, current.secretHash()));
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The active key whose secret is {@code presentedKey}, or empty. Candidates are found by a hash prefix
     * and each is compared over the full hash with {@link MessageDigest#isEqual}, which takes the same time
     * wherever the bytes differ. Never blocks.
     */
    public Optional<VirtualKey> authenticate(String presentedKey) {
        if (!KeySecrets.looksLikeKey(presentedKey)) return Optional.empty();
        byte[] hash = secrets.hash(presentedKey);
        VirtualKey match = null;
        for (VirtualKeyTable.Row candidate : snapshot.byTag.getOrDefault(KeySecrets.tag(hash), List.of())) {
            if (MessageDigest.isEqual(candidate.secretHash(), hash) && !candidate.key().isRevoked()) match = candidate.key();
        }
        return Optional.ofNullable(match);
    }

    public Optional<VirtualKey> get(String id) {
        return Optional.ofNullable(snapshot.byId.get(id)).map(VirtualKeyTable.Row::key);
    }

    /** All keys, revoked ones included, oldest first. */
    public List<VirtualKey> list() {
        return snapshot.byId.values().stream().map(VirtualKeyTable.Row::key)
                .sorted((a, b) -> a.createdAt().equals(b.createdAt()) ? a.id().compareTo(b.id()) : a.createdAt().compareTo(b.createdAt()))
                .toList();
    }

    /** Re-reads every key from the database (blocking). */
    public void reload() {
        writeLock.lock();
        try {
            snapshot = Snapshot.of(table.loadAll());
        } finally {
            writeLock.unlock();
        }
    }

    /** An immutable index of the rows; replaced whole on each write. */
    private record Snapshot(Map<String, VirtualKeyTable.Row> byId, Map<String, List<VirtualKeyTable.Row>> byTag) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        static Snapshot of(List<VirtualKeyTable.Row> rows) {
            Map<String, VirtualKeyTable.Row> byId = new HashMap<>();
            Map<String, List<VirtualKeyTable.Row>> byTag = new HashMap<>();
            for (VirtualKeyTable.Row row : rows) {
                byId.put(row.key().id(), row);
                byTag.computeIfAbsent(KeySecrets.tag(row.secretHash()), t -> new ArrayList<>()).add(row);
            }
            byTag.replaceAll((tag, list) -> List.copyOf(list));
            return new Snapshot(Map.copyOf(byId), Map.copyOf(byTag));
        }

        Snapshot with(VirtualKeyTable.Row changed) {
            List<VirtualKeyTable.Row> rows = new ArrayList<>(byId.values());
            rows.removeIf(r -> r.key().id().equals(changed.key().id()));
            rows.add(changed);
            return of(rows);
        }
    }
}
