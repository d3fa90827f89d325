package io.switchboard.core.chain;

import io.switchboard.core.model.ProviderError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link Call}, always already in the client's wire format: either a complete body or a
 * stream of server-sent-event bytes. Header names are lower case.
 */
public sealed interface Reply permits Reply.Complete, Reply.Streaming {

    int status();

    Map<String, String> headers();

    /** A copy with one header set (replacing any header of that name). */
    Reply withHeader(String name, String value);

    /**
     * A complete answer. {@code error} is the neutral form of an error answer (status &ge; 400), so
     * policies can decide on fallback and retries without parsing the body; null on success.
     */
    record Complete(int status, Map<String, String> headers, byte[] body, ProviderError error) implements Reply {
        public Complete {
            headers = copy(headers);
            Objects.requireNonNull(body, "body");
        }

        public boolean isError() { return error != null; }

        @Override
        public Complete withHeader(String name, String value) {
            return new Complete(status, put(headers, name, value), body, error);
        }
    }

    /** A {@code text/event-stream} answer whose body is still arriving. */
    record Streaming(int status, Map<String, String> headers, ByteSource body) implements Reply {
        public Streaming {
            headers = copy(headers);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public Streaming withHeader(String name, String value) {
            return new Streaming(status, put(headers, name, value), body);
        }
    }

    private static Map<String, String> copy(Map<String, String> in) {
        if (in == null || in.isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> put(Map<String, String> in, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(in);
        out.put(name.toLowerCase(Locale.ROOT), value);
        return out;
    }
}
