package io.switchboard.engine.stream;

import io.switchboard.core.wire.WireFormatId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream request a stream came from, as sent: what upstream recovery re-asks or resumes from.
 *
 * @param requestId      the gateway's request id (for logs)
 * @param provider       the configured provider name
 * @param upstreamFormat the wire format the upstream streams in
 * @param model          the model the request went to
 * @param uri            the request URI on the provider's host
 * @param headers        the request headers, provider auth included (never logged)
 * @param body           the request body as sent
 */
public record RecoveryRequest(String requestId, String provider, WireFormatId upstreamFormat, String model, String uri,
                              Map<String, String> headers, byte[] body) {
    public RecoveryRequest {
        Objects.requireNonNull(upstreamFormat, "upstreamFormat");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** The headers for a follow-up request: scripted simulator faults ({@code x-sim-*}) apply to the first only. */
    public Map<String, String> followUpHeaders(boolean withBody) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("x-sim-")) return;
            if (!withBody && name.equals("content-type")) return;
            out.put(name, value);
        });
        return out;
    }

    @Override
    public String toString() { return "RecoveryRequest[" + requestId + " " + provider + " " + upstreamFormat + " " + model + "]"; }
}
