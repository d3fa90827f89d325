package io.switchboard.engine.transport;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.resilience.AttemptTimeouts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The terminal {@link io.switchboard.core.chain.Stage#TRANSPORT} policy: sends one attempt to the target's
 * provider over the pooled Vert.x client and reads the answer into a {@link Reply} (see
 * {@link RequestPlanner} for what is sent and {@link ReplyReader} for how answers come back). The upstream
 * may stay silent at most {@code idle_timeout_ms}, and never past the call's deadline.
 */
public final class HttpTransport implements Policy {
    private final GatewayConfig config;
    private final UpstreamClients clients;
    private final LongSupplier ticker;
    private final RequestPlanner planner;
    private final ReplyReader reader;
    private final WireFormatLookup formats;
    private final Function<Call, AttemptTimeouts> timeouts;
    private volatile StreamRecoveryHook recoveryHook;

    /**
     * With {@code timeouts} (the call's timeout tier, cut to its deadline; null: the {@code upstream:} timeouts) the connect timeout is the tier's,
     * and the upstream may stay silent for the longer of its first-byte and idle timeouts. The exact
     * first-byte, idle and total cuts are the timeout policy's; this is the socket-level backstop.
     */
    public HttpTransport(GatewayConfig config, UpstreamClients clients, WireFormatLookup formats, LongSupplier nanoTicker,
                         Function<Call, AttemptTimeouts> timeouts) {
        this.timeouts = timeouts;
        this.config = config;
        this.clients = clients;
        this.ticker = nanoTicker;
        this.planner = new RequestPlanner(formats);
        this.reader = new ReplyReader(formats);
        this.formats = formats;
    }

    /** Makes streams recoverable when their upstream connection breaks or stalls (docs/streams.md). */
    public HttpTransport streamRecovery(io.switchboard.engine.stream.UpstreamRecovery recovery) {
        recoveryHook = recovery == null ? null : new StreamRecoveryHook(recovery, clients, formats);
        reader.recovery = recoveryHook;
        return this;
    }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        if (call.target() == null) throw new IllegalStateException("no target: the route policy must run before the transport");
        ProviderConfig provider = config.providers().get(call.target().provider());
        UpstreamEndpoint endpoint = clients.endpoint(provider.name());
        UpstreamRequest planned = planner.plan(call, provider, endpoint);
        UpstreamRequest request = recoveryHook == null ? planned : recoveryHook.prepare(call, planned);
        long idleMs = config.upstream().idleTimeoutMs();
        if (call.deadlineNanos() != Long.MAX_VALUE) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - ticker.getAsLong());
            if (leftMs <= 0) {
                return CompletableFuture.failedFuture(new ProviderException(
                        ProviderError.of(ErrorKind.TIMEOUT, "the request deadline passed before upstream " + provider.name() + " was called")));
            }
            idleMs = Math.min(idleMs, leftMs);
        }
        long connectMs = config.upstream().connectTimeoutMs();
        AttemptTimeouts tier = timeouts == null ? null : timeouts.apply(call);
        if (tier != null) {
            idleMs = Math.max(1, Math.max(tier.firstByte().toMillis(), tier.idle().toMillis()));
            connectMs = Math.max(1, tier.connect().toMillis());
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(headers::set);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(endpoint.host()).setPort(endpoint.port()).setSsl(endpoint.ssl())
                .setURI(request.uri())
                .setHeaders(headers)
                .setIdleTimeout(idleMs)
                .setConnectTimeout(connectMs);
        // Cancelling the returned future (an attempt timeout) resets the upstream request.
        return CancellableExchange.run(clients.request(provider.name(), options)
                        .recover(failure -> Future.failedFuture(TransportFailures.toProviderException(failure, provider.name()))),
                r -> (request.body() == null ? r.send() : r.send(Buffer.buffer(request.body())))
                        .compose(response -> reader.read(call, request, provider, response))
                        .recover(failure -> Future.failedFuture(TransportFailures.toProviderException(failure, provider.name()))));
    }
}
