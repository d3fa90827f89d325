package io.switchboard.engine.resilience;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;

import java.time.Duration;

/**
 * What one attempt against a target ended with, as far as retrying and the breaker care.
 *
 * @param failure        how the attempt failed, or {@link Failure#NONE} when a response status arrived
 * @param status         HTTP status from the provider; 0 when none arrived
 * @param errorCode      provider error code ({@code insufficient_quota}, …) or null
 * @param serverHint     the provider's requested delay ({@link RetryAfter}) or null
 * @param shouldRetry    the provider's {@code x-should-retry} header: TRUE, FALSE, or null when absent
 * @param firstByteSent  whether any byte of the answer already reached the client (then replay is impossible)
 */
public record AttemptOutcome(Failure failure, int status, String errorCode, Duration serverHint,
                             Boolean shouldRetry, boolean firstByteSent) {

    /** How an attempt failed before (or instead of) a response status. */
    public enum Failure {
        /** A status arrived; look at {@code status}. */
        NONE,
        /** Could not connect, or the connection broke (reset, TLS, DNS). */
        CONNECTION,
        /** A connect, first-byte or idle timeout fired. */
        TIMEOUT
    }

    public AttemptOutcome {
        if (failure == null) throw new IllegalArgumentException("failure must not be null");
        if (failure == Failure.NONE && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be 100..599 but was " + status);
        }
    }

    public static AttemptOutcome status(int status) {
        return new AttemptOutcome(Failure.NONE, status, null, null, null, false);
    }

    public static AttemptOutcome connectionError() {
        return new AttemptOutcome(Failure.CONNECTION, 0, null, null, null, false);
    }

    public static AttemptOutcome timeout() {
        return new AttemptOutcome(Failure.TIMEOUT, 0, null, null, null, false);
    }

    /** From a decoded provider error; {@link ErrorKind#QUOTA_EXCEEDED} becomes code {@code insufficient_quota}. */
    public static AttemptOutcome of(ProviderError error) {
        String code = error.kind() == ErrorKind.QUOTA_EXCEEDED ? "insufficient_quota" : error.code();
        return new AttemptOutcome(Failure.NONE, error.status(), code, error.retryAfter(), null, false);
    }

    public AttemptOutcome withErrorCode(String code) {
        return new AttemptOutcome(failure, status, code, serverHint, shouldRetry, firstByteSent);
    }

    public AttemptOutcome withServerHint(Duration hint) {
        return new AttemptOutcome(failure, status, errorCode, hint, shouldRetry, firstByteSent);
    }

    public AttemptOutcome withShouldRetry(Boolean header) {
        return new AttemptOutcome(failure, status, errorCode, serverHint, header, firstByteSent);
    }

    public AttemptOutcome afterFirstByte() {
        return new AttemptOutcome(failure, status, errorCode, serverHint, shouldRetry, true);
    }

    /** A 2xx response. */
    public boolean succeeded() {
        return failure == Failure.NONE && status >= 200 && status < 300;
    }
}
