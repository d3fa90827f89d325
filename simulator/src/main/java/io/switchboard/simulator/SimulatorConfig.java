package io.switchboard.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of a {@link ProviderSimulator}; build with {@link #builder()}.
 * Everything time-based (rate-limit windows, scenario rule lifetimes, background retention, {@code created}
 * timestamps) reads {@link #clock()}, so tests move time without sleeping.
 */
public final class SimulatorConfig {
    /** Providers refuse bodies over 32 MB with 413 (provider-apis.md B0). */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final String host;
    private final int port;
    private final long seed;
    private final LatencyModel latency;
    private final Map<Glob, LatencyModel> latencyOverrides;
    private final List<RateLimitRule> rateLimits;
    private final String requiredApiKey;
    private final Scenario scenario;
    private final Clock clock;
    private final long randomSeed;
    private final long maxBodyBytes;
    private final int instances;

    private SimulatorConfig(Builder b) {
        host = b.host;
        port = b.port;
        seed = b.seed;
        latency = b.latency;
        latencyOverrides = new LinkedHashMap<>(b.latencyOverrides);
        rateLimits = List.copyOf(b.rateLimits);
        requiredApiKey = b.requiredApiKey;
        scenario = b.scenario;
        clock = b.clock;
        randomSeed = b.randomSeed;
        maxBodyBytes = b.maxBodyBytes;
        instances = b.instances;
    }

    public static Builder builder() { return new Builder(); }

    /** Defaults: 127.0.0.1, a random port, seed 0, no latency, no limits, any non-empty API key. */
    public static SimulatorConfig defaults() { return builder().build(); }

    public String host() { return host; }
    public int port() { return port; }
    /** Seed of the text generator: same seed, model and prompt give the same text. */
    public long seed() { return seed; }
    public LatencyModel latency() { return latency; }
    public List<RateLimitRule> rateLimits() { return rateLimits; }
    /** The only API key accepted, or null to accept any non-empty key. */
    public String requiredApiKey() { return requiredApiKey; }
    /** Scenario active from start, or null. */
    public Scenario scenario() { return scenario; }
    public Clock clock() { return clock; }
    /** Seed of the random source behind scenario {@code rate} fractions. */
    public long randomSeed() { return randomSeed; }
    public long maxBodyBytes() { return maxBodyBytes; }
    /** Number of server instances (one per event loop) sharing the port. */
    public int instances() { return instances; }

    /** The latency for a model: the first matching override, else the default. */
    public LatencyModel latencyFor(String model) {
        for (Map.Entry<Glob, LatencyModel> e : latencyOverrides.entrySet()) {
            if (e.getKey().matches(model)) return e.getValue();
        }
        return latency;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.seed = seed;
        b.latency = latency;
        b.latencyOverrides.putAll(latencyOverrides);
        b.rateLimits.addAll(rateLimits);
        b.requiredApiKey = requiredApiKey;
        b.scenario = scenario;
        b.clock = clock;
        b.randomSeed = randomSeed;
        b.maxBodyBytes = maxBodyBytes;
        b.instances = instances;
        return b;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private long seed = 0;
        private LatencyModel latency = LatencyModel.NONE;
        private final Map<Glob, LatencyModel> latencyOverrides = new LinkedHashMap<>();
        private final List<RateLimitRule> rateLimits = new ArrayList<>();
        private String requiredApiKey;
        private Scenario scenario;
        private Clock clock = Clock.systemUTC();
        private long randomSeed = 42;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int instances = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }
        /** 0 picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder latency(LatencyModel latency) { this.latency = latency; return this; }
        /** Latency for models matching {@code modelGlob}; earlier overrides win. */
        public Builder latency(String modelGlob, LatencyModel latency) {
            latencyOverrides.put(Glob.of(modelGlob), latency);
            return this;
        }
        /** Limits per model for {@code provider} (null = both); 0 leaves a dimension unlimited. */
        public Builder rateLimit(Provider provider, String modelGlob, long requestsPerMinute, long tokensPerMinute) {
            rateLimits.add(new RateLimitRule(provider, Glob.of(modelGlob), requestsPerMinute, tokensPerMinute));
            return this;
        }
        public Builder requiredApiKey(String key) { this.requiredApiKey = key; return this; }
        public Builder scenario(Scenario scenario) { this.scenario = scenario; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder randomSeed(long randomSeed) { this.randomSeed = randomSeed; return this; }
        public Builder maxBodyBytes(long maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; return this; }
        public Builder instances(int instances) {
            if (instances < 1) throw new IllegalArgumentException("instances must be >= 1");
            this.instances = instances;
            return this;
        }

        public SimulatorConfig build() {
            if (latency == null || clock == null || host == null) throw new IllegalArgumentException("latency, clock and host are required");
            return new SimulatorConfig(this);
        }
    }
}
