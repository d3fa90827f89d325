package io.switchboard.gateway.resilience;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ProviderError;
import java.util.Map;

/**
 * A finished answer kept for an {@code Idempotency-Key}: a complete body, or every byte of a stream.
 * Replays carry {@value #REPLAYED_HEADER}{@code : true}.
 */
record StoredReply(int status, Map<String, String> headers, byte[] body, ProviderError error, boolean streamed) {
    static final String REPLAYED_HEADER = "idempotent-replayed";

    static StoredReply of(Reply.Complete c) { return new StoredReply(c.status(), c.headers(), c.body(), c.error(), false); }

    /** A fresh reply for one duplicate (a stream replays from the start, with back-pressure). */
    Reply replay() {
        Reply r = streamed ? new Reply.Streaming(status, headers, new ReplayByteSource(body)) : new Reply.Complete(status, headers, body, error);
        return r.withHeader(REPLAYED_HEADER, "true");
    }

    /** Whether a duplicate may be given this answer later: successes and the client's own mistakes, not transient failures. */
    static boolean storable(Reply.Complete c) {
        int s = c.status();
        return s < 500 && s != 408 && s != 409 && s != 429;
    }
}
