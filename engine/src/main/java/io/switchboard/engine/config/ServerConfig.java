package io.switchboard.engine.config;

/**
 * Where the gateway listens and what it accepts.
 *
 * @param maxBodyBytes larger request bodies are refused with 413 before they are parsed
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES);

    public ServerConfig {
        TargetConfig.requireText(host, "host");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("max_body_bytes must be positive, got " + maxBodyBytes);
    }

    public ServerConfig withPort(int newPort) { return new ServerConfig(host, newPort, maxBodyBytes); }
}
