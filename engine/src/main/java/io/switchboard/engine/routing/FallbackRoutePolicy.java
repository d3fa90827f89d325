package io.switchboard.engine.routing;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The {@link io.switchboard.core.chain.Stage#ROUTE} policy: resolves the call's model to targets and tries
 * them in order. The next target is tried only when the previous one failed in a retryable way (connection
 * error, timeout, 429, 5xx, 529) and nothing has reached the client yet: a reply is only written after this
 * policy returns, and a stream that started is never abandoned. Successful replies carry
 * {@code x-switchboard-target} and {@code x-switchboard-attempts}.
 *
 * <p>Simulator fault headers ({@code x-sim-*}) are sent with the first attempt only, so a client can script
 * "the primary target fails" with one header and watch the fallback.
 */
public final class FallbackRoutePolicy implements Policy {
    public static final String TARGET_HEADER = "x-switchboard-target";
    public static final String ATTEMPTS_HEADER = "x-switchboard-attempts";

    private final ModelRouter router;
    private final LongSupplier ticker;

    public FallbackRoutePolicy(ModelRouter router, LongSupplier nanoTicker) {
        this.router = router;
        this.ticker = nanoTicker;
    }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        List<Target> targets;
        if (call.relay() == null) {
            targets = router.resolve(call.model(), null);
        } else {
            String kind = call.relay().providerKind();
            targets = call.model() == null ? List.of(router.anyOfKind(kind)) : router.resolve(call.model(), kind);
        }
        return attempt(call, chain, targets, 0);
    }

    private CompletionStage<Reply> attempt(Call call, Chain chain, List<Target> targets, int index) {
        Call attemptCall = (index == 0 ? call : withoutSimulatorHeaders(call)).withTarget(targets.get(index));
        boolean last = index == targets.size() - 1;
        return chain.proceed(attemptCall).handle((reply, failure) -> {
            boolean retryable = failure != null ? isRetryable(failure)
                    : reply instanceof Reply.Complete c && c.isError() && c.error().kind().retryable();
            if (retryable && !last && beforeDeadline(call)) {
                return attempt(call, chain, targets, index + 1);
            }
            if (failure != null) return CompletableFuture.<Reply>failedFuture(unwrap(failure));
            return CompletableFuture.completedFuture(reply
                    .withHeader(TARGET_HEADER, targets.get(index).toString())
                    .withHeader(ATTEMPTS_HEADER, Integer.toString(index + 1)));
        }).thenCompose(stage -> stage);
    }

    private boolean beforeDeadline(Call call) {
        return call.deadlineNanos() == Long.MAX_VALUE || ticker.getAsLong() - call.deadlineNanos() < 0;
    }

    private static boolean isRetryable(Throwable failure) {
        return unwrap(failure) instanceof ProviderException pe && pe.error().kind().retryable();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static Call withoutSimulatorHeaders(Call call) {
        Map<String, String> kept = new LinkedHashMap<>(call.headers());
        kept.keySet().removeIf(name -> name.startsWith("x-sim-"));
        return call.toBuilder().headers(kept).build();
    }
}
