package io.switchboard.engine.resilience;

import java.util.concurrent.CompletableFuture;

/** What {@link IdempotencyStore#claim} found for a key. */
public sealed interface IdempotencyClaim<R> {

    /** First request with this key: run it, then {@link IdempotencyLeader#complete} or {@link IdempotencyLeader#abandon}. */
    record Leader<R>(IdempotencyLeader<R> leader) implements IdempotencyClaim<R> {}

    /** The same request is running; this future completes with its result (or its failure). */
    record InFlight<R>(CompletableFuture<R> result) implements IdempotencyClaim<R> {}

    /** The same request already finished; replay this result. */
    record Completed<R>(R result) implements IdempotencyClaim<R> {}

    /** The key was used with a different request body; the gateway answers 422. */
    record Conflict<R>(String key) implements IdempotencyClaim<R> {}
}
