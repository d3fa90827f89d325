package io.switchboard.engine.transport;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.stream.RecoveryRequest;
import io.switchboard.engine.stream.UpstreamRecovery;

/**
 * Where the transport meets upstream stream recovery ({@link UpstreamRecovery}): before sending, a streamed
 * request may be made resumable; when a stream answer arrives, its body (still in the upstream's format,
 * before any translation) is wrapped so it continues itself when the connection breaks or stalls.
 */
final class StreamRecoveryHook {
    private final UpstreamRecovery recovery;
    private final UpstreamClients clients;
    private final WireFormatLookup formats;

    StreamRecoveryHook(UpstreamRecovery recovery, UpstreamClients clients, WireFormatLookup formats) {
        this.recovery = recovery;
        this.clients = clients;
        this.formats = formats;
    }

    /** {@code request} with the body recovery needs (OpenAI Responses: background mode). */
    UpstreamRequest prepare(Call call, UpstreamRequest request) {
        if (call.relay() != null || !call.stream() || request.upstreamFormat() == null) return request;
        byte[] body = recovery.prepareBody(call, request.upstreamFormat(), request.body());
        if (body == request.body()) return request;
        return new UpstreamRequest(request.method(), request.uri(), request.headers(), body, request.upstreamFormat(),
                request.translated());
    }

    /** The stream body made recoverable; relays and requests without a known format stay as they are. */
    ByteSource wrap(Call call, UpstreamRequest request, ProviderConfig provider, ByteSource body) {
        if (call.relay() != null || request.upstreamFormat() == null || request.body() == null) return body;
        UpstreamStreamOpener opener = new UpstreamStreamOpener(clients, provider, clients.endpoint(provider.name()), formats,
                request.upstreamFormat(), Math.max(1, recovery.idleTimeout(call).toMillis()));
        String model = call.target() == null ? call.model() : call.target().model();
        RecoveryRequest sent = new RecoveryRequest(call.requestId(), provider.name(), request.upstreamFormat(), model,
                request.uri(), request.headers(), request.body());
        return recovery.wrap(call, sent, body, opener);
    }
}
