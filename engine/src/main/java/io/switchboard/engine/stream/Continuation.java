package io.switchboard.engine.stream;

import io.switchboard.core.model.ProviderError;
import java.util.Map;

/** What to do after an upstream stream broke: send one more request, or end with an error. */
sealed interface Continuation {
    /** Send this request and stitch its stream on. */
    record Resend(String method, String uri, Map<String, String> headers, byte[] body) implements Continuation {}

    /** The stream cannot be continued exactly; it ends with {@code error} (docs/streams.md lists the codes). */
    record Impossible(ProviderError error) implements Continuation {}
}
