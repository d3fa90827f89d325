package io.switchboard.engine.stream;

import io.switchboard.core.wire.WireFormatId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A durable copy of the {@link StreamJournal}. The write methods are called on event loops and must not block
 * (implementations queue the work); the read methods block and are called off the event loop.
 */
public interface StreamStore extends AutoCloseable {
    void opened(String streamId, String keyId, WireFormatId format, Instant createdAt);

    /** One event, already framed with its {@code id:} line. */
    void appended(String streamId, int index, byte[] frame, long sequence);

    void finished(String streamId, StreamLog.State state);

    void responseBound(String streamId, String responseId);

    /** Forgets streams whose last event is older than {@code cutoff}. */
    void expire(Instant cutoff);

    /**
     * A stored stream as a read-only log. A stream that was still open when the process stopped comes back
     * {@link StreamLog.State#INTERRUPTED}: nothing will be appended to it any more. Blocking.
     */
    Optional<StreamLog> load(String streamId, Clock clock, StreamJournal owner);

    /** The stream that carried Responses id {@code responseId}. Blocking. */
    Optional<String> streamOfResponse(String responseId);

    /** Writes what is queued, then releases the store. */
    @Override
    void close();
}
