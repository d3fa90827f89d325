package io.switchboard.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/**
 * The scenario in force and when it was set. Rule lifetimes ({@code duration_s}) run on the injected clock,
 * and {@code rate} draws come from one seeded random, so a given request order always gets the same faults.
 */
final class ActiveScenario {
    private record Installed(Scenario scenario, Instant since) {}

    private final Clock clock;
    private final Random random;
    private volatile Installed installed;

    ActiveScenario(Clock clock, long randomSeed) {
        this.clock = clock;
        this.random = new Random(randomSeed);
    }

    void set(Scenario scenario) {
        installed = scenario == null || scenario.rules().isEmpty() ? null : new Installed(scenario, clock.instant());
    }

    void clear() { installed = null; }

    /**
     * The fault for a request, or null. The first live rule that selects the request decides; its {@code rate}
     * says how often it fires, and a miss means no fault (later rules are not consulted).
     */
    FaultChoice pick(Provider provider, String model) {
        Installed current = installed;
        if (current == null) return null;
        Instant now = clock.instant();
        for (ScenarioRule rule : current.scenario().rules()) {
            if (rule.duration() != null && !now.isBefore(current.since().plus(rule.duration()))) continue;
            if (!rule.selects(provider, model)) continue;
            return hits(rule.rate()) ? new FaultChoice(rule.fault(), rule.retryAfterMs()) : null;
        }
        return null;
    }

    private boolean hits(double rate) {
        if (rate >= 1) return true;
        if (rate <= 0) return false;
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
