package io.switchboard.core.chain;

/**
 * A stream of response bytes with backpressure, independent of any HTTP library. Bytes are already in
 * the client's wire format. Nothing flows before {@link #start}; the sink is called from one thread at a
 * time. The consumer pauses the source when it cannot keep up and resumes it later, so a stream is never
 * buffered whole. Whoever drops a stream reply without consuming it must {@link #cancel} it, or the upstream
 * connection stays held.
 */
public interface ByteSource {

    /** Receives the stream. Exactly one of {@link #onEnd} and {@link #onError} ends it. */
    interface Sink {
        /** The next bytes. The array is handed over: the receiver may keep it, and neither side writes to it again. */
        void onData(byte[] chunk);

        void onEnd();

        /**
         * The last bytes and the end at once, from a source that knows nothing follows them: a sink that can
         * write both together (one write to the client, not two) overrides it.
         */
        default void onLast(byte[] chunk) {
            onData(chunk);
            onEnd();
        }

        void onError(Throwable failure);
    }

    /** Starts the flow into {@code sink}. Called at most once. */
    void start(Sink sink);

    /** Asks the source to stop delivering data for now; a chunk already in flight may still arrive. */
    void pause();

    void resume();

    /** The consumer is gone (client disconnected): release the upstream. The sink is not called afterwards. */
    void cancel();
}
