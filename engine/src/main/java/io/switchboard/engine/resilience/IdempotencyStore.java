package io.switchboard.engine.resilience;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * At-most-once execution per {@code Idempotency-Key}. The first claim of a key becomes the leader; while
 * it runs, duplicates get a future of its result; after it completes, duplicates get the stored result
 * until the TTL (measured from completion) passes. A key reused with a different request hash is a
 * {@link IdempotencyClaim.Conflict}. Callers scope keys (e.g. prefix the tenant) so tenants cannot collide.
 *
 * <p>Bounded: past {@code maxEntries}, the oldest completed entries are dropped. Running entries are never
 * dropped (that would allow a second execution); their number is bounded by the engine's bulkheads.
 * Thread-safe: one lock, held only for map updates; futures complete outside it.
 */
public final class IdempotencyStore<R> {
    private final IdempotencyConfig config;
    private final LongSupplier nanoTicker;
    private final Map<String, Entry<R>> entries = new LinkedHashMap<>();

    public IdempotencyStore(IdempotencyConfig config, LongSupplier nanoTicker) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /**
     * @param key         the client's idempotency key, already scoped to its tenant
     * @param requestHash a fingerprint of the request body ({@link RequestFingerprint#of(byte[])})
     */
    public synchronized IdempotencyClaim<R> claim(String key, String requestHash) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
        long now = nanoTicker.getAsLong();
        Entry<R> existing = entries.get(key);
        if (existing != null && existing.expired(now, config.ttl().toNanos())) {
            entries.remove(key);
            existing = null;
        }
        if (existing == null) {
            Entry<R> fresh = new Entry<>(requestHash);
            entries.put(key, fresh);
            evictOverflow(now);
            return new IdempotencyClaim.Leader<>(new LeaderHandle(key, fresh));
        }
        if (!existing.requestHash.equals(requestHash)) return new IdempotencyClaim.Conflict<>(key);
        if (existing.done) return new IdempotencyClaim.Completed<>(existing.result);
        // A copy, so a duplicate cannot complete or cancel the shared future.
        return new IdempotencyClaim.InFlight<>(existing.future.copy());
    }

    /** Entries held, running and completed (expired ones until they are next touched or evicted). */
    public synchronized int size() {
        return entries.size();
    }

    private void evictOverflow(long now) {
        Iterator<Entry<R>> oldestFirst = entries.values().iterator();
        while (entries.size() > config.maxEntries() && oldestFirst.hasNext()) {
            Entry<R> entry = oldestFirst.next();
            if (entry.done || entry.expired(now, config.ttl().toNanos())) oldestFirst.remove();
        }
    }

    private synchronized void store(String key, Entry<R> entry, R result) {
        if (entries.get(key) != entry) return;
        entry.result = result;
        entry.completedAtNanos = nanoTicker.getAsLong();
        entry.done = true;
    }

    private synchronized void forget(String key, Entry<R> entry) {
        entries.remove(key, entry);
    }

    private static final class Entry<R> {
        final String requestHash;
        final CompletableFuture<R> future = new CompletableFuture<>();
        boolean done;
        R result;
        long completedAtNanos;

        Entry(String requestHash) { this.requestHash = requestHash; }

        boolean expired(long now, long ttlNanos) {
            return done && now - completedAtNanos >= ttlNanos;
        }
    }

    private final class LeaderHandle implements IdempotencyLeader<R> {
        private final String key;
        private final Entry<R> entry;
        private final AtomicBoolean reported = new AtomicBoolean();

        LeaderHandle(String key, Entry<R> entry) {
            this.key = key;
            this.entry = entry;
        }

        @Override
        public void complete(R result) {
            if (!reported.compareAndSet(false, true)) return;
            store(key, entry, result);
            entry.future.complete(result);
        }

        @Override
        public void abandon(Throwable cause) {
            Objects.requireNonNull(cause, "cause");
            if (!reported.compareAndSet(false, true)) return;
            forget(key, entry);
            entry.future.completeExceptionally(cause);
        }
    }
}
