package io.switchboard.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A model alias clients may ask for (e.g. {@code default}) and the targets that serve it, in order of
 * preference: the first serves, the next ones are fallbacks.
 */
public record RouteConfig(String name, List<TargetConfig> targets) {
    public RouteConfig {
        TargetConfig.requireText(name, "name");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("route " + name + " needs at least one target");
    }

    public static Builder builder(String name) { return new Builder(name); }

    public static final class Builder {
        private final String name;
        private final List<TargetConfig> targets = new ArrayList<>();

        private Builder(String name) { this.name = name; }

        public Builder target(String provider, String model) { targets.add(TargetConfig.of(provider, model)); return this; }
        public Builder target(TargetConfig t) { targets.add(t); return this; }
        public RouteConfig build() { return new RouteConfig(name, targets); }
    }
}
