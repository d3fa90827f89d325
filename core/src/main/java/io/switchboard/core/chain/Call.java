package io.switchboard.core.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.wire.WireFormatId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One client request on its way through the {@link PolicyChain}. Immutable; policies derive changed
 * copies with {@link #toBuilder()} or {@link #withTarget}.
 *
 * @param clientFormat  the wire format the client speaks; replies and errors use it
 * @param body          the parsed JSON body, or null for a bodiless relay (GET). Policies must not mutate it.
 * @param rawBody       the client's body bytes, forwarded untouched when no rewrite is needed; null with {@code body}
 * @param model         the requested model or route alias; null for model-less relays
 * @param stream        whether the client asked for a server-sent-event stream
 * @param keyId         who is calling (the authenticated key's id), never the key itself
 * @param headers       client request headers worth forwarding upstream, lower-case names
 * @param requestId     the gateway's id for this request
 * @param deadlineNanos when the call must be finished, on the engine's nano ticker
 * @param relay         non-null when the call is forwarded to a fixed endpoint instead of generating
 * @param target        the provider and model of the current attempt; set by the route policy
 */
public record Call(WireFormatId clientFormat, ObjectNode body, byte[] rawBody, String model, boolean stream,
                   String keyId, Map<String, String> headers, String requestId, long deadlineNanos,
                   Relay relay, Target target) {

    public Call {
        Objects.requireNonNull(clientFormat, "clientFormat");
        Objects.requireNonNull(requestId, "requestId");
        headers = lowerCaseCopy(headers);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().clientFormat(clientFormat).body(body, rawBody).model(model).stream(stream).keyId(keyId)
                .headers(headers).requestId(requestId).deadlineNanos(deadlineNanos).relay(relay).target(target);
    }

    public Call withTarget(Target newTarget) { return toBuilder().target(newTarget).build(); }

    /** A forwarded header by (case-insensitive) name, or null. */
    public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }

    /** Hides the body bytes, which may be large, and nothing secret is held here anyway. */
    @Override
    public String toString() {
        return "Call[" + requestId + " " + clientFormat + " model=" + model + " stream=" + stream
                + (relay == null ? "" : " relay=" + relay) + (target == null ? "" : " target=" + target) + "]";
    }

    private static Map<String, String> lowerCaseCopy(Map<String, String> in) {
        if (in == null || in.isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Collections.unmodifiableMap(out);
    }

    public static final class Builder {
        private WireFormatId clientFormat;
        private ObjectNode body;
        private byte[] rawBody;
        private String model, keyId, requestId;
        private boolean stream;
        private Map<String, String> headers = Map.of();
        private long deadlineNanos = Long.MAX_VALUE;
        private Relay relay;
        private Target target;

        public Builder clientFormat(WireFormatId v) { clientFormat = v; return this; }

        /** The parsed body and the bytes it was parsed from (either may be null). */
        public Builder body(ObjectNode parsed, byte[] raw) { body = parsed; rawBody = raw; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder stream(boolean v) { stream = v; return this; }
        public Builder keyId(String v) { keyId = v; return this; }
        public Builder headers(Map<String, String> v) { headers = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder deadlineNanos(long v) { deadlineNanos = v; return this; }
        public Builder relay(Relay v) { relay = v; return this; }
        public Builder target(Target v) { target = v; return this; }

        public Call build() {
            return new Call(clientFormat, body, rawBody, model, stream, keyId, headers, requestId, deadlineNanos,
                    relay, target);
        }
    }
}
