package io.switchboard.engine.stream;

import java.time.Duration;

/**
 * Upstream stream recovery, the {@code streams.recovery} config section (docs/streams.md).
 *
 * @param enabled              whether broken upstream streams are continued at all
 * @param maxAttempts          follow-up requests per stream before it ends with {@code stream_recovery_failed}
 * @param responsesBackground  create OpenAI Responses streams in background mode so they can be resumed
 *                             (the client still sees {@code background: false}); a request with
 *                             {@code store: false} is left alone
 * @param stallTimeout         an upstream silent this long mid-stream is treated as broken and continued; null =
 *                             half the attempt's idle timeout, so the continuation is under way before the idle
 *                             timeout would end the stream
 */
public record RecoverySettings(boolean enabled, int maxAttempts, boolean responsesBackground, Duration stallTimeout) {
    public static final RecoverySettings DEFAULTS = new RecoverySettings(true, 3, true, null);
    public static final RecoverySettings DISABLED = new RecoverySettings(false, 0, false, null);

    public RecoverySettings {
        if (maxAttempts < 0) throw new IllegalArgumentException("max_attempts must be 0 or more, got " + maxAttempts);
        if (stallTimeout != null && (stallTimeout.isNegative() || stallTimeout.isZero())) {
            throw new IllegalArgumentException("stall_timeout_ms must be positive, got " + stallTimeout.toMillis());
        }
    }
}
