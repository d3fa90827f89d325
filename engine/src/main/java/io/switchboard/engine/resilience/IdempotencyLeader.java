package io.switchboard.engine.resilience;

/**
 * The leader's side of an idempotency key: report the result once. Exactly one of the two methods
 * takes effect; the engine must call one of them (in a finally path), or duplicates wait until the
 * client gives up.
 */
public interface IdempotencyLeader<R> {
    /** Stores {@code result} for replay until the TTL and hands it to waiting duplicates. */
    void complete(R result);

    /** Frees the key (a later request may run again) and fails waiting duplicates with {@code cause}. */
    void abandon(Throwable cause);
}
