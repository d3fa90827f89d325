package io.switchboard.engine.transport;

import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.config.UpstreamConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * One pooled Vert.x {@link HttpClient} per upstream origin, created up front.
 *
 * <p>HTTP/2 is used with prior knowledge (h2c, no upgrade round trip) toward {@code http://} upstreams
 * such as the simulator, and negotiated by ALPN toward {@code https://} ones. Pool sizes come from the
 * config, never Vert.x's defaults: over HTTP/1.1 each SSE response holds its connection for the whole
 * stream and the default pool of 5 connections per host made concurrent streams queue (~3k SSE req/s
 * against 13-14k over h2c on this project's benchmark box).
 *
 * <p>Each event loop gets its own clients, created on its first request. A pooled connection lives on one
 * event loop; shared between loops, every upstream headers, data and trailers frame of a request that came
 * in on the other loop had to hop threads (a task queued plus an eventfd wake-up each), which the profile
 * showed as the gateway's single largest cost. Calls from outside any event loop (the library used from
 * plain threads) share one set.
 */
public final class UpstreamClients implements AutoCloseable {
    private final Vertx vertx;
    private final UpstreamConfig config;
    private final Map<String, UpstreamEndpoint> endpointByProvider = new HashMap<>();
    private final Map<String, HttpClient> shared;
    private final ConcurrentHashMap<Thread, Map<String, HttpClient>> byEventLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public UpstreamClients(Vertx vertx, UpstreamConfig config, Iterable<ProviderConfig> providers) {
        this.vertx = vertx;
        this.config = config;
        for (ProviderConfig p : providers) endpointByProvider.put(p.name(), UpstreamEndpoint.of(p.baseUrl()));
        this.shared = createAll();
    }

    private Map<String, HttpClient> createAll() {
        Map<String, HttpClient> byOrigin = new HashMap<>();
        for (UpstreamEndpoint endpoint : endpointByProvider.values()) {
            byOrigin.computeIfAbsent(endpoint.origin(), o -> create(vertx, config, endpoint));
        }
        return byOrigin;
    }

    private static HttpClient create(Vertx vertx, UpstreamConfig config, UpstreamEndpoint endpoint) {
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(config.http2() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .setHttp2ClearTextUpgrade(false)
                .setSsl(endpoint.ssl())
                .setUseAlpn(endpoint.ssl() && config.http2())
                .setForceSni(endpoint.ssl()) // providers behind CDNs pick the certificate by SNI
                .setKeepAlive(true)
                .setKeepAliveTimeout(config.keepAliveTimeoutS())
                .setHttp2KeepAliveTimeout(config.keepAliveTimeoutS())
                .setConnectTimeout(config.connectTimeoutMs())
                .setTcpNoDelay(true);
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(config.maxConnectionsPerHost())
                .setHttp2MaxSize(config.http2MaxConnections())
                .setMaxWaitQueueSize(config.maxWaitQueue());
        return vertx.createHttpClient(options, pool);
    }

    /**
     * Starts a request to {@code provider}. Once the pools are closed (the gateway stopping) it fails the future
     * with a {@link RejectedExecutionException} instead of throwing: a stream recovery or a retry that fires
     * during shutdown then ends as a refused attempt (stream recovery gives up at once), rather than as an
     * exception thrown out of an event-loop callback.
     */
    Future<HttpClientRequest> request(String provider, RequestOptions options) {
        if (closed) return Future.failedFuture(stopping(null));
        try {
            return client(provider).request(options);
        } catch (IllegalStateException closedMeanwhile) {
            return Future.failedFuture(stopping(closedMeanwhile));
        }
    }

    private static RejectedExecutionException stopping(Throwable cause) {
        return new RejectedExecutionException("the upstream connections are closed: the gateway is stopping", cause);
    }

    private HttpClient client(String provider) {
        String origin = endpoint(provider).origin();
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || closed) return shared.get(origin);
        // Keyed by the loop's thread: each server request runs on its own duplicate of the loop's context.
        return byEventLoop.computeIfAbsent(Thread.currentThread(), t -> createAll()).get(origin);
    }

    UpstreamEndpoint endpoint(String provider) {
        UpstreamEndpoint e = endpointByProvider.get(provider);
        if (e == null) throw new IllegalArgumentException("unknown provider " + provider);
        return e;
    }

    /** Closes every pool; completes when all connections are closed. */
    public Future<Void> closeAsync() {
        closed = true;
        List<Future<Void>> closing = new ArrayList<>();
        shared.values().forEach(c -> closing.add(c.close()));
        byEventLoop.values().forEach(clients -> clients.values().forEach(c -> closing.add(c.close())));
        return Future.all(closing).mapEmpty();
    }

    @Override
    public void close() { closeAsync(); }
}
