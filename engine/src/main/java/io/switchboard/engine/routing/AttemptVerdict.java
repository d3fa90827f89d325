package io.switchboard.engine.routing;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.config.FallbackTrigger;
import io.switchboard.engine.policy.LocalRefusal;

/**
 * How one attempt of a route ended, for the fallback decision.
 *
 * @param success       a 2xx answer (a stream that delivered its first chunk)
 * @param trigger       the fallback trigger it matches; null when it matches none (client errors)
 * @param contextLength the model's context window was too small
 * @param upstreamCalled whether the attempt reached the provider (false for local refusals)
 * @param error         the neutral error of a failed attempt, or null
 */
record AttemptVerdict(boolean success, FallbackTrigger trigger, boolean contextLength, boolean upstreamCalled, ProviderError error) {

    static AttemptVerdict of(Reply reply, Throwable failure) {
        if (failure != null) {
            Throwable t = ErrorReplies.causeOf(failure);
            if (!(t instanceof ProviderException pe)) return new AttemptVerdict(false, null, false, false, null);
            ProviderError e = pe.error();
            String code = e.code() == null ? "" : e.code();
            return switch (code) {
                case LocalRefusal.CIRCUIT_OPEN -> new AttemptVerdict(false, FallbackTrigger.CIRCUIT_OPEN, false, false, e);
                case LocalRefusal.TARGET_BUSY -> new AttemptVerdict(false, FallbackTrigger.CONCURRENCY, false, false, e);
                case LocalRefusal.LOCAL_RATE_LIMITED -> new AttemptVerdict(false, FallbackTrigger.RATE_LIMIT, false, false, e);
                case LocalRefusal.DEADLINE_EXCEEDED -> new AttemptVerdict(false, null, false, false, e);
                case "budget_exceeded" -> new AttemptVerdict(false, FallbackTrigger.BUDGET, false, false, e);
                default -> e.kind() == ErrorKind.TIMEOUT ? new AttemptVerdict(false, FallbackTrigger.TIMEOUT, false, true, e)
                        : e.kind().retryable() || e.kind() == ErrorKind.BAD_GATEWAY
                        ? new AttemptVerdict(false, FallbackTrigger.CONNECTION, false, true, e)
                        : new AttemptVerdict(false, null, false, true, e);
            };
        }
        if (reply instanceof Reply.Complete c && c.isError()) {
            ProviderError e = c.error();
            int status = e.status() >= 400 && e.status() <= 599 ? e.status() : c.status();
            if ("budget_exceeded".equals(e.code())) return new AttemptVerdict(false, FallbackTrigger.BUDGET, false, true, e);
            if (e.kind() == ErrorKind.CONTEXT_LENGTH_EXCEEDED) return new AttemptVerdict(false, null, true, true, e);
            FallbackTrigger trigger = status == 429 ? FallbackTrigger.STATUS_429
                    : status == 529 ? FallbackTrigger.STATUS_529
                    : status == 408 || status == 504 ? FallbackTrigger.TIMEOUT
                    : status >= 500 ? FallbackTrigger.STATUS_5XX : null;
            return new AttemptVerdict(false, trigger, false, true, e);
        }
        return new AttemptVerdict(true, null, false, true, null);
    }

    /** Whether the failure counts against the route's SLO (the provider's or the gateway's fault, not the client's). */
    boolean countsAgainstSlo() {
        return !success && (trigger != null || error == null || LocalRefusal.isLocal(error));
    }
}
