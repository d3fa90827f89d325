package io.switchboard.engine.transport;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.stream.StreamOpener;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends the follow-up requests of upstream stream recovery to one provider, on the same pooled client and
 * with the same idle timeout as first attempts, and hands back the event stream paused, as
 * {@link ReplyReader} does. Any other answer fails with the provider's error in neutral form.
 */
final class UpstreamStreamOpener implements StreamOpener {
    private final UpstreamClients clients;
    private final ProviderConfig provider;
    private final UpstreamEndpoint endpoint;
    private final WireFormatLookup formats;
    private final WireFormatId errorFormat;
    private final long idleTimeoutMs;

    UpstreamStreamOpener(UpstreamClients clients, ProviderConfig provider, UpstreamEndpoint endpoint, WireFormatLookup formats,
                         WireFormatId errorFormat, long idleTimeoutMs) {
        this.clients = clients;
        this.provider = provider;
        this.endpoint = endpoint;
        this.formats = formats;
        this.errorFormat = errorFormat;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    public CompletionStage<ByteSource> open(String method, String uri, Map<String, String> headers, byte[] body) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(h::set);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method))
                .setHost(endpoint.host()).setPort(endpoint.port()).setSsl(endpoint.ssl())
                .setURI(uri).setHeaders(h).setIdleTimeout(idleTimeoutMs);
        return clients.request(provider.name(), options)
                .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
                .compose(response -> {
                    String type = String.valueOf(response.getHeader("content-type")).toLowerCase(Locale.ROOT);
                    if (response.statusCode() / 100 == 2 && type.startsWith("text/event-stream")) {
                        response.pause();
                        return Future.<ByteSource>succeededFuture(new VertxByteSource(response, provider.name()));
                    }
                    return response.body().compose(b -> {
                        ProviderError error = formats.of(errorFormat).decodeError(response.statusCode(), EngineJson.parseOrNull(b.getBytes()));
                        return Future.<ByteSource>failedFuture(new ProviderException(error));
                    });
                })
                .recover(failure -> Future.failedFuture(TransportFailures.toProviderException(failure, provider.name())))
                .toCompletionStage();
    }
}
