package io.switchboard.gateway;

import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ServerConfig;
import java.util.Objects;

/**
 * How the gateway's HTTP server runs.
 *
 * @param host          interface to bind
 * @param port          0 picks a free port (see {@link GatewayServer#port()})
 * @param maxBodyBytes  larger request bodies get 413
 * @param instances     server instances, one per event loop; they share the port
 * @param authenticator who may call
 */
public record GatewayOptions(String host, int port, long maxBodyBytes, int instances, KeyAuthenticator authenticator) {
    public GatewayOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authenticator, "authenticator");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        if (instances < 1) throw new IllegalArgumentException("instances must be at least 1, got " + instances);
    }

    public static Builder builder() { return new Builder(); }

    /** Host, port and body limit from {@code config.server()}; the master key (if any) guards the gateway. */
    public static Builder from(GatewayConfig config) {
        ServerConfig s = config.server();
        return builder().host(s.host()).port(s.port()).maxBodyBytes(s.maxBodyBytes())
                .authenticator(config.masterKey() == null ? KeyAuthenticator.open()
                        : KeyAuthenticator.masterKey(config.masterKey().reveal()));
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private long maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;
        private int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        private KeyAuthenticator authenticator = KeyAuthenticator.open();

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder instances(int v) { instances = v; return this; }
        public Builder authenticator(KeyAuthenticator v) { authenticator = v; return this; }

        /** Shorthand for {@code authenticator(KeyAuthenticator.masterKey(key))}. */
        public Builder masterKey(String key) { authenticator = KeyAuthenticator.masterKey(key); return this; }

        public GatewayOptions build() { return new GatewayOptions(host, port, maxBodyBytes, instances, authenticator); }
    }
}
