package io.switchboard.engine.stream;

import java.util.Objects;

/**
 * The {@code streams:} config section (docs/streams.md): the journal behind client-side resume and upstream
 * recovery.
 *
 * <pre>{@code
 * streams:
 *   journal: { max_streams: 10000, max_bytes: 33554432, max_stream_bytes: 8388608, ttl_s: 600, store: memory }
 *   recovery: { enabled: true, max_attempts: 3, responses_background: true, stall_timeout_ms: 15000 }
 * }</pre>
 *
 * @param journal  memory bounds and time to live
 * @param durable  whether the journal is also written to the embedded store ({@code store: sqlite}, a file
 *                 {@value SqliteStreamStore#FILE_NAME} in the data directory)
 * @param recovery upstream recovery
 */
public record StreamsConfig(JournalLimits journal, boolean durable, RecoverySettings recovery) {
    public static final StreamsConfig DEFAULTS = new StreamsConfig(JournalLimits.DEFAULTS, false, RecoverySettings.DEFAULTS);

    public StreamsConfig {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(recovery, "recovery");
    }
}
