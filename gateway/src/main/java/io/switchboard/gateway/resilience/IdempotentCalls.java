package io.switchboard.gateway.resilience;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.resilience.IdempotencyClaim;
import io.switchboard.engine.resilience.IdempotencyLeader;
import io.switchboard.engine.resilience.IdempotencyStore;
import io.switchboard.engine.resilience.RequestFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * At-most-once upstream execution per client {@code Idempotency-Key} (the header Stripe and the IETF
 * draft "The Idempotency-Key HTTP Header Field" define). Keys are scoped to the caller's key id. The first
 * request with a key runs; duplicates that arrive while it runs wait and share its answer; duplicates after
 * it finished get the stored answer until {@code resilience.idempotency.ttl}. A stream is recorded as it
 * passes to the first client and replayed whole. The same key with a different body is a 422 in the
 * client's error shape. Transient failures (429, 5xx) are shared with waiting duplicates but not stored, so
 * a later retry with the same key runs again; a stream that breaks frees the key for the waiting duplicates.
 */
public final class IdempotentCalls {
    public static final String HEADER = "idempotency-key";

    private final Switchboard engine;
    private final IdempotencyStore<StoredReply> store;

    public IdempotentCalls(Switchboard engine) {
        this.engine = engine;
        this.store = new IdempotencyStore<>(engine.config().resilience().idempotency(), engine.ticker());
    }

    /** Runs {@code call} through {@code run} unless an earlier call with its key already did. */
    public CompletionStage<Reply> handle(Call call, Function<Call, CompletionStage<Reply>> run) {
        String key = call.header(HEADER);
        if (key == null || key.isBlank()) return run.apply(call);
        IdempotencyClaim<StoredReply> claim = store.claim(call.keyId() + "\n" + key.strip(), fingerprint(call));
        return switch (claim) {
            case IdempotencyClaim.Leader<StoredReply> l -> lead(call, run, l.leader());
            case IdempotencyClaim.InFlight<StoredReply> f -> f.result().handle((stored, failure) -> {
                if (failure == null) return CompletableFuture.completedFuture(stored.replay());
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof SharedFailure shared) return CompletableFuture.completedFuture(shared.reply.replay());
                return handle(call, run); // the leader's stream broke: the key is free again
            }).thenCompose(stage -> stage);
            case IdempotencyClaim.Completed<StoredReply> c -> CompletableFuture.completedFuture(c.result().replay());
            case IdempotencyClaim.Conflict<StoredReply> c -> CompletableFuture.completedFuture(engine.errors().render(call.clientFormat(),
                    ProviderError.of(ErrorKind.UNPROCESSABLE, "Keys for idempotent requests can only be used with the same request "
                            + "body: this Idempotency-Key was already used with a different one.").withParam(HEADER)
                            .withCode("idempotency_key_reused")));
        };
    }

    private CompletionStage<Reply> lead(Call call, Function<Call, CompletionStage<Reply>> run, IdempotencyLeader<StoredReply> leader) {
        CompletionStage<Reply> result;
        try {
            result = run.apply(call);
        } catch (RuntimeException e) {
            leader.abandon(e);
            throw e;
        }
        return result.handle((reply, failure) -> {
            if (failure != null) {
                leader.abandon(failure);
                throw new CompletionException(failure);
            }
            return switch (reply) {
                case Reply.Complete c when StoredReply.storable(c) -> {
                    leader.complete(StoredReply.of(c));
                    yield c;
                }
                case Reply.Complete c -> {
                    leader.abandon(new SharedFailure(StoredReply.of(c)));
                    yield c;
                }
                case Reply.Streaming s -> new Reply.Streaming(s.status(), s.headers(), new RecordingByteSource(s.body(),
                        bytes -> leader.complete(new StoredReply(s.status(), s.headers(), bytes, null, true)),
                        () -> leader.abandon(new IllegalStateException("the original stream did not complete"))));
            };
        });
    }

    /** The body, and where it was sent: the same bytes to another endpoint are another request. */
    private static String fingerprint(Call call) {
        String where = call.clientFormat() + " " + (call.relay() == null ? "" : call.relay().pathAndQuery()) + "\n";
        byte[] head = where.getBytes(StandardCharsets.UTF_8);
        byte[] body = call.rawBody() != null ? call.rawBody() : call.body() != null ? call.body().toString().getBytes(StandardCharsets.UTF_8) : new byte[0];
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return RequestFingerprint.of(all);
    }

    /** A transient failure handed to the duplicates that waited for it, without being stored. */
    private static final class SharedFailure extends RuntimeException {
        final StoredReply reply;

        SharedFailure(StoredReply reply) {
            super("shared transient failure", null, false, false);
            this.reply = reply;
        }
    }
}
