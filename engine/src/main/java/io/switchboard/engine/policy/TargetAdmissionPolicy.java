package io.switchboard.engine.policy;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.engine.resilience.AttemptOutcome;
import io.switchboard.engine.resilience.RateLimitDecision;
import io.switchboard.engine.resilience.TokenReservation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link io.switchboard.core.chain.Stage#BREAKER} policy: admits one attempt to its target, or refuses it
 * with a {@link LocalRefusal} the route policy can fall back on. In order: the token buckets (requests and
 * estimated tokens per minute; an empty bucket waits on a timer when the target is configured to wait and
 * the wait fits the deadline), the circuit breaker, the concurrency limit. After the attempt the breaker
 * learns its outcome and latency (for a stream, the time to its first chunk), the buckets are corrected with
 * the real usage and the provider's rate-limit headers, and the concurrency slot is freed (for a stream, when
 * it ends).
 */
public final class TargetAdmissionPolicy implements Policy {
    private final ResilienceRuntime runtime;

    public TargetAdmissionPolicy(ResilienceRuntime runtime) { this.runtime = runtime; }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        if (call.target() == null) throw new IllegalStateException("no target: the route policy must run before admission");
        TargetGuards guards = runtime.guards(call.target());
        return reserve(call, guards, TokenEstimate.of(call)).thenCompose(reservation -> admit(call, chain, guards, reservation));
    }

    private CompletionStage<TokenReservation> reserve(Call call, TargetGuards guards, long estimate) {
        if (guards.limiter() == null) return CompletableFuture.completedFuture(null);
        RateLimitDecision decision = guards.limiter().reserve(estimate);
        return switch (decision) {
            case RateLimitDecision.Granted g -> CompletableFuture.completedFuture(g.reservation());
            case RateLimitDecision.Throttled t when guards.limiter().worthWaiting(t.waitFor(), runtime.deadline(call)) -> {
                CompletableFuture<TokenReservation> later = new CompletableFuture<>();
                runtime.timers().schedule(t.waitFor(), () -> reserve(call, guards, estimate).whenComplete((r, f) -> {
                    if (f != null) later.completeExceptionally(f);
                    else later.complete(r);
                }));
                yield later;
            }
            case RateLimitDecision.Throttled t -> CompletableFuture.failedFuture(LocalRefusal.rateLimited(call.target(), t.waitFor()));
            case RateLimitDecision.TooLarge x -> CompletableFuture.failedFuture(LocalRefusal.rateLimited(call.target(), null));
        };
    }

    private CompletionStage<Reply> admit(Call call, Chain chain, TargetGuards guards, TokenReservation reservation) {
        Target target = call.target();
        if (guards.breaker() != null && !guards.breaker().tryAcquire()) {
            if (reservation != null) reservation.cancel();
            return CompletableFuture.failedFuture(LocalRefusal.circuitOpen(target));
        }
        if (guards.bulkhead() != null && !guards.bulkhead().tryAcquire()) {
            if (guards.breaker() != null) guards.breaker().onIgnored();
            if (reservation != null) reservation.cancel();
            return CompletableFuture.failedFuture(LocalRefusal.busy(target, guards.bulkhead().maxConcurrent()));
        }
        long started = runtime.ticker().getAsLong();
        return chain.proceed(call).handle((reply, failure) -> {
            Duration latency = Duration.ofNanos(runtime.ticker().getAsLong() - started);
            AttemptOutcome outcome = AttemptOutcomes.of(reply, failure, runtime.clock());
            if (guards.breaker() != null) {
                if (outcome == null) guards.breaker().onIgnored();
                else guards.breaker().onOutcome(outcome, latency);
            }
            if (reply != null && guards.limiter() != null) guards.limiter().observe(reply.headers());
            settle(reservation, reply, outcome);
            if (reply instanceof Reply.Streaming s && guards.bulkhead() != null) {
                return new Reply.Streaming(s.status(), s.headers(), new FinishingByteSource(s.body(), guards.bulkhead()::release));
            }
            if (guards.bulkhead() != null) guards.bulkhead().release();
            if (failure != null) throw AttemptOutcomes.rethrow(failure);
            return reply;
        });
    }

    /** Success: the real usage when the answer reports it, else the estimate stands; a refused call used nothing. */
    private static void settle(TokenReservation reservation, Reply reply, AttemptOutcome outcome) {
        if (reservation == null) return;
        if (outcome != null && outcome.succeeded()) {
            long used = AttemptOutcomes.usedTokens(reply);
            reservation.settle(used >= 0 ? used : reservation.estimatedTokens());
        } else if (outcome != null && outcome.failure() == AttemptOutcome.Failure.NONE) {
            reservation.settle(0);
        } else {
            reservation.settle(reservation.estimatedTokens());
        }
    }
}
