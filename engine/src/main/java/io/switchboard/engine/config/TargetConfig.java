package io.switchboard.engine.config;

import java.util.Objects;

/** One place a route can send a request: a configured provider and the model to ask it for. */
public record TargetConfig(String provider, String model) {
    public TargetConfig {
        requireText(provider, "provider");
        requireText(model, "model");
    }

    public static TargetConfig of(String provider, String model) { return new TargetConfig(provider, model); }

    public static Builder builder() { return new Builder(); }

    static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }

    public static final class Builder {
        private String provider, model;

        public Builder provider(String v) { provider = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public TargetConfig build() { return new TargetConfig(provider, model); }
    }
}
