package io.switchboard.core.chain;

import java.util.concurrent.CompletionStage;

/**
 * One step of the request path, in the style of an OkHttp interceptor: it may inspect or rewrite the
 * {@link Call}, answer on its own (a refusal, a cached reply), or pass it on with {@link Chain#proceed}
 * (possibly several times, as a fallback or retry does) and inspect or rewrite the {@link Reply}.
 *
 * <p>Implementations must not block: the chain runs on event-loop threads. A failure is reported by
 * completing the stage exceptionally, preferably with a
 * {@link io.switchboard.core.model.ProviderException} so the caller can answer in the client's format.
 */
@FunctionalInterface
public interface Policy {
    CompletionStage<Reply> apply(Call call, Chain chain);
}
