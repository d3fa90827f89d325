package io.switchboard.engine.stream;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.ErrorReplies;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Stream recovery as the engine holds it: the journal and resume service (client side) and upstream
 * recovery, built from one {@link StreamsConfig}. The engine creates one; the gateway serves its resume
 * endpoints from {@link #resume()}.
 */
public final class StreamServices implements AutoCloseable {
    private final StreamJournal journal;
    private final StreamResumeService resume;
    private final UpstreamRecovery recovery;
    private final ExecutorService storeReads;

    /**
     * @param store       the durable copy of the journal, or null for memory only
     * @param idleTimeout the idle timeout of a call's attempts
     */
    public StreamServices(StreamsConfig config, Vertx vertx, LongSupplier ticker, Clock clock, StreamStore store,
                          ErrorReplies errors, Function<Call, Duration> idleTimeout) {
        this.storeReads = store == null ? null : Executors.newVirtualThreadPerTaskExecutor();
        this.journal = store == null ? new StreamJournal(config.journal(), clock)
                : new StreamJournal(config.journal(), clock, store, storeReads);
        this.resume = new StreamResumeService(journal, vertx, errors);
        RecoveryTimers timers = (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
            return () -> vertx.cancelTimer(id);
        };
        if (config.recovery().enabled()) PrefixTokens.warmUpInBackground();
        this.recovery = new UpstreamRecovery(config.recovery(), new StreamRecoveryMetrics(), ticker, timers, idleTimeout);
    }

    public StreamJournal journal() { return journal; }

    /** Client-side resume: journals streamed replies and serves the resume endpoints. */
    public StreamResumeService resume() { return resume; }

    /** Upstream recovery, which the transport applies to every stream. */
    public UpstreamRecovery recovery() { return recovery; }

    public StreamRecoveryMetrics metrics() { return recovery.metrics(); }

    @Override
    public void close() {
        journal.close();
        if (storeReads != null) storeReads.close();
    }
}
