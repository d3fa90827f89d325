package io.switchboard.engine.config;

/**
 * Connection pooling and timeouts toward the providers; one pool per provider base URL.
 *
 * <p>Pool sizes are explicit on purpose: over HTTP/1.1 an SSE response holds its connection for the whole
 * stream, and Vert.x's default HTTP/1.1 pool is 5 connections per host, so concurrent streams queue behind
 * each other (measured here: ~3k SSE req/s over HTTP/1.1 against 13-14k over h2c).
 *
 * @param http2                  HTTP/2 to upstreams: prior knowledge (h2c) for {@code http://}, ALPN for {@code https://}
 * @param maxConnectionsPerHost  HTTP/1.1 pool size per upstream (each open stream needs one)
 * @param http2MaxConnections    HTTP/2 connections per upstream (each multiplexes many streams)
 * @param maxWaitQueue           requests allowed to wait for a pooled connection; -1 = unbounded
 * @param connectTimeoutMs       TCP (and TLS) connect timeout
 * @param idleTimeoutMs          an upstream silent this long (no header, no body bytes) fails the attempt
 * @param keepAliveTimeoutS      idle pooled connections are closed after this
 * @param requestTimeoutMs       the whole call's deadline, fallbacks included
 */
public record UpstreamConfig(boolean http2, int maxConnectionsPerHost, int http2MaxConnections, int maxWaitQueue,
                             int connectTimeoutMs, int idleTimeoutMs, int keepAliveTimeoutS, long requestTimeoutMs) {

    public static final UpstreamConfig DEFAULTS = builder().build();

    public UpstreamConfig {
        positive(maxConnectionsPerHost, "max_connections_per_host");
        positive(http2MaxConnections, "http2_max_connections");
        if (maxWaitQueue < -1) throw new IllegalArgumentException("max_wait_queue must be -1 or more, got " + maxWaitQueue);
        positive(connectTimeoutMs, "connect_timeout_ms");
        positive(idleTimeoutMs, "idle_timeout_ms");
        positive(keepAliveTimeoutS, "keep_alive_timeout_s");
        positive(requestTimeoutMs, "request_timeout_ms");
    }

    public static Builder builder() { return new Builder(); }

    private static void positive(long v, String name) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    }

    public static final class Builder {
        private boolean http2 = true;
        private int maxConnectionsPerHost = 512, http2MaxConnections = 4, maxWaitQueue = -1;
        private int connectTimeoutMs = 5_000, idleTimeoutMs = 600_000, keepAliveTimeoutS = 60;
        private long requestTimeoutMs = 600_000;

        public Builder http2(boolean v) { http2 = v; return this; }
        public Builder maxConnectionsPerHost(int v) { maxConnectionsPerHost = v; return this; }
        public Builder http2MaxConnections(int v) { http2MaxConnections = v; return this; }
        public Builder maxWaitQueue(int v) { maxWaitQueue = v; return this; }
        public Builder connectTimeoutMs(int v) { connectTimeoutMs = v; return this; }
        public Builder idleTimeoutMs(int v) { idleTimeoutMs = v; return this; }
        public Builder keepAliveTimeoutS(int v) { keepAliveTimeoutS = v; return this; }
        public Builder requestTimeoutMs(long v) { requestTimeoutMs = v; return this; }

        public UpstreamConfig build() {
            return new UpstreamConfig(http2, maxConnectionsPerHost, http2MaxConnections, maxWaitQueue, connectTimeoutMs,
                    idleTimeoutMs, keepAliveTimeoutS, requestTimeoutMs);
        }
    }
}
