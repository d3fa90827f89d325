package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.resilience.AttemptTimeouts;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link io.switchboard.core.chain.Stage#TIMEOUT} policy: holds one attempt to its tier. The attempt
 * must produce its first byte within the tier's first-byte timeout (for a stream: its first body chunk, so
 * an upstream that sends headers and then nothing still counts as silent; for a complete answer: the
 * answer); after that a stream may be silent at most the idle timeout between chunks, and nothing runs past
 * the request's deadline. A cut attempt is cancelled all the way down (the transport resets the upstream
 * request) and fails with a TIMEOUT error that the route policy may fall back on. The connect timeout is
 * applied by the transport.
 */
public final class AttemptTimeoutPolicy implements Policy {
    private final ResilienceRuntime runtime;

    public AttemptTimeoutPolicy(ResilienceRuntime runtime) { this.runtime = runtime; }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        AttemptTimeouts timeouts = runtime.attemptTimeouts(call);
        String target = call.target() == null ? "upstream" : call.target().toString();
        if (timeouts.total().isZero()) {
            return CompletableFuture.failedFuture(LocalRefusal.deadline("the request deadline passed before " + target + " was called"));
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        AtomicReference<FirstChunkGate> gate = new AtomicReference<>();
        CompletionStage<Reply> upstream = chain.proceed(call);
        Runnable firstByteTimer = runtime.timers().schedule(timeouts.firstByte(), () -> {
            if (!result.completeExceptionally(timeout(target + " sent no first byte within " + timeouts.firstByte().toMillis() + " ms"))) return;
            upstream.toCompletableFuture().cancel(false);
            FirstChunkGate g = gate.get();
            if (g != null) g.cancel();
        });
        upstream.whenComplete((reply, failure) -> {
            if (failure != null) {
                firstByteTimer.run();
                result.completeExceptionally(failure);
            } else if (reply instanceof Reply.Streaming s) {
                gate.set(FirstChunkGate.open(s.body(), opened -> {
                    firstByteTimer.run();
                    Reply.Streaming timed = new Reply.Streaming(s.status(), s.headers(), timed(opened, call, timeouts.idle(), target));
                    if (!result.complete(timed)) opened.cancel();
                }, early -> {
                    firstByteTimer.run();
                    result.completeExceptionally(early);
                }));
                // The first-byte timer may have fired before the gate existed.
                if (result.isCompletedExceptionally()) gate.get().cancel();
            } else {
                firstByteTimer.run();
                result.complete(reply);
            }
        });
        return result;
    }

    private TimedByteSource timed(ByteSource opened, Call call, Duration idle, String target) {
        return new TimedByteSource(opened, runtime.timers(), runtime.ticker(), idle, call.deadlineNanos(),
                () -> timeout(target + " went silent for more than " + idle.toMillis() + " ms mid-stream"),
                () -> LocalRefusal.deadline("the request deadline passed while " + target + " was streaming"));
    }

    private static ProviderException timeout(String message) {
        return new ProviderException(ProviderError.of(ErrorKind.TIMEOUT, message));
    }
}
