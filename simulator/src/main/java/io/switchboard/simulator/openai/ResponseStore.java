package io.switchboard.simulator.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Background responses by id. The docs (guides/background) say background response data is kept about ten
 * minutes; entries older than that by the injected clock are dropped and read as unknown (404).
 */
final class ResponseStore {
    static final Duration RETENTION = Duration.ofMinutes(10);

    private final Clock clock;
    private final ConcurrentHashMap<String, BackgroundResponse> byId = new ConcurrentHashMap<>();

    ResponseStore(Clock clock) { this.clock = clock; }

    void put(BackgroundResponse response) {
        purge();
        byId.put(response.id(), response);
    }

    /** The live response with {@code id}, or null if unknown or expired. */
    BackgroundResponse get(String id) {
        purge();
        return byId.get(id);
    }

    private void purge() {
        Instant cutoff = clock.instant().minus(RETENTION);
        byId.values().removeIf(r -> r.createdAt().isBefore(cutoff));
    }
}
