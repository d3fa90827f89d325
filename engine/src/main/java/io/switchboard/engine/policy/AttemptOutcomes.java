package io.switchboard.engine.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.AnswerUsage;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.resilience.AttemptOutcome;
import io.switchboard.engine.resilience.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Reads what an attempt ended with in the terms the resilience algorithms use. Local refusals (breaker,
 * bulkhead, bucket, deadline) are not the target's doing and yield null: nothing to judge.
 */
public final class AttemptOutcomes {
    private AttemptOutcomes() {}

    /** The outcome of an attempt that produced {@code reply} or failed with {@code failure}; null when not the target's. */
    public static AttemptOutcome of(Reply reply, Throwable failure, Clock clock) {
        if (failure != null) {
            Throwable t = ErrorReplies.causeOf(failure);
            if (t instanceof CancellationException) return null;
            if (!(t instanceof ProviderException pe) || LocalRefusal.isLocal(pe.error())) return null;
            return pe.error().kind() == ErrorKind.TIMEOUT ? AttemptOutcome.timeout() : AttemptOutcome.connectionError();
        }
        if (reply instanceof Reply.Complete c && c.isError()) {
            ProviderError error = c.error();
            AttemptOutcome outcome = new AttemptOutcome(AttemptOutcome.Failure.NONE, statusOf(c), null, null, null, false);
            if (error.kind() == ErrorKind.QUOTA_EXCEEDED) outcome = outcome.withErrorCode("insufficient_quota");
            else if (error.code() != null) outcome = outcome.withErrorCode(error.code());
            Duration hint = RetryAfter.parse(reply.headers(), clock).orElse(error.retryAfter());
            String shouldRetry = reply.headers().get("x-should-retry");
            Boolean flag = shouldRetry == null ? null : Boolean.valueOf(shouldRetry.strip().toLowerCase(Locale.ROOT));
            return outcome.withServerHint(hint).withShouldRetry(flag);
        }
        return AttemptOutcome.status(reply.status() >= 100 && reply.status() <= 599 ? reply.status() : 200);
    }

    /** Tokens the provider reports in a complete JSON answer (OpenAI Chat or Responses, Anthropic); -1 if none. */
    public static long usedTokens(Reply reply) {
        if (!(reply instanceof Reply.Complete c) || c.isError()) return -1;
        JsonNode usage = AnswerUsage.of(c.body());
        if (usage == null || !usage.isObject()) return -1;
        if (usage.has("total_tokens")) return usage.path("total_tokens").asLong();
        if (usage.has("prompt_tokens")) return usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong();
        if (usage.has("input_tokens")) return usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong();
        return -1;
    }

    private static int statusOf(Reply.Complete c) {
        int s = c.error().status();
        return s >= 400 && s <= 599 ? s : c.status() >= 400 && c.status() <= 599 ? c.status() : c.error().kind().defaultStatus();
    }

    /** {@code failure} as an unchecked exception to rethrow from a stage callback, unwrapped. */
    static RuntimeException rethrow(Throwable failure) {
        Throwable t = ErrorReplies.causeOf(failure);
        return t instanceof RuntimeException re ? re : new CompletionException(t);
    }
}
