package io.switchboard.engine.cost;

import io.switchboard.core.model.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * One settled call as the ledger keeps it. {@code keyId}, {@code team} and {@code route} are null when the
 * call had none; {@code requestId} identifies the call, and recording the same id twice keeps the first.
 */
public record SpendRecord(String requestId, String keyId, String team, String route, String provider, String model,
                          Usage usage, Money cost, boolean batch, Instant at) {

    public SpendRecord {
        requireText("requestId", requestId);
        requireText("provider", provider);
        requireText("model", model);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
        if (cost.isNegative()) throw new IllegalArgumentException("cost must not be negative, got " + cost);
    }

    public static Builder builder() { return new Builder(); }

    private static void requireText(String name, String v) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

    public static final class Builder {
        private String requestId, keyId, team, route, provider, model;
        private Usage usage = Usage.ZERO;
        private Money cost = Money.ZERO;
        private boolean batch;
        private Instant at;

        public Builder requestId(String v) { requestId = v; return this; }
        public Builder keyId(String v) { keyId = v; return this; }
        public Builder team(String v) { team = v; return this; }
        public Builder route(String v) { route = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder usage(Usage v) { usage = Objects.requireNonNull(v, "usage"); return this; }
        public Builder cost(Money v) { cost = Objects.requireNonNull(v, "cost"); return this; }
        public Builder batch(boolean v) { batch = v; return this; }
        public Builder at(Instant v) { at = Objects.requireNonNull(v, "at"); return this; }

        public SpendRecord build() { return new SpendRecord(requestId, keyId, team, route, provider, model, usage, cost, batch, at); }
    }
}
