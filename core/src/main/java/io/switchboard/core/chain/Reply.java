package io.switchboard.core.chain;

import io.switchboard.core.model.ProviderError;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     * A copy with several headers set, given as name, value, name, value... (as OkHttp's {@code Headers.of}):
     * one copy of the headers rather than one per header.
     */
    Reply withHeaders(String... namesAndValues);

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

        @Override
        public Complete withHeaders(String... namesAndValues) {
            return new Complete(status, put(headers, namesAndValues), body, error);
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

        @Override
        public Streaming withHeaders(String... namesAndValues) {
            return new Streaming(status, put(headers, namesAndValues), body);
        }
    }

    private static Map<String, String> copy(Map<String, String> in) {
        if (in == null || in.isEmpty()) return Map.of();
        if (in instanceof FrozenHeaders) return in;
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return new FrozenHeaders(out);
    }

    private static Map<String, String> put(Map<String, String> in, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("headers come as name, value pairs");
        Map<String, String> out = in instanceof FrozenHeaders f ? new LinkedHashMap<>(f.map) : new LinkedHashMap<>(copy(in));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1]);
        }
        return new FrozenHeaders(out);
    }

    /**
     * Headers already lower-cased and no longer changed, so a reply built from another's headers takes them as
     * they are: policies add a header or two each on the way back, and each used to copy and re-case them all.
     */
    final class FrozenHeaders extends AbstractMap<String, String> {
        private final Map<String, String> map;

        private FrozenHeaders(Map<String, String> map) { this.map = map; }

        @Override
        public Set<Entry<String, String>> entrySet() { return Collections.unmodifiableMap(map).entrySet(); }

        @Override
        public String get(Object key) { return map.get(key); }

        @Override
        public boolean containsKey(Object key) { return map.containsKey(key); }

        @Override
        public int size() { return map.size(); }
    }
}
