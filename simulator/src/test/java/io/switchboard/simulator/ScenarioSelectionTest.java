package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioSelectionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void firstSelectingRuleWinsAndProviderFilters() {
        ActiveScenario active = new ActiveScenario(clock, 1);
        active.set(Scenario.parse("""
                {"rules": [{"provider": "anthropic", "fault": "status:529"},
                           {"model": "gpt-4o*", "fault": "status:429", "retry_after_ms": 250},
                           {"fault": "reset"}]}"""));
        assertThat(active.pick(Provider.ANTHROPIC, "gpt-4o")).isEqualTo(new FaultChoice(new Fault.Status(529), null));
        assertThat(active.pick(Provider.OPENAI, "gpt-4o-mini")).isEqualTo(new FaultChoice(new Fault.Status(429), 250L));
        assertThat(active.pick(Provider.OPENAI, "gpt-5").fault()).isEqualTo(new Fault.Reset());
        active.clear();
        assertThat(active.pick(Provider.OPENAI, "gpt-5")).isNull();
    }

    @Test
    void rateFractionIsSeededAndRoughlyHonoured() {
        Scenario half = Scenario.parse("{\"rules\": [{\"fault\": \"status:500\", \"rate\": 0.3}]}");
        ActiveScenario a = new ActiveScenario(clock, 7);
        ActiveScenario b = new ActiveScenario(clock, 7);
        a.set(half);
        b.set(half);
        int hits = 0;
        StringBuilder seqA = new StringBuilder();
        StringBuilder seqB = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            boolean hitA = a.pick(Provider.OPENAI, "gpt-4o") != null;
            seqA.append(hitA ? '1' : '0');
            seqB.append(b.pick(Provider.OPENAI, "gpt-4o") != null ? '1' : '0');
            if (hitA) hits++;
        }
        assertThat(seqA.toString()).isEqualTo(seqB.toString());
        assertThat(hits).isBetween(240, 360);
    }

    @Test
    void ruleExpiresAfterItsDurationByTheInjectedClock() {
        ActiveScenario active = new ActiveScenario(clock, 1);
        active.set(Scenario.parse("{\"rules\": [{\"fault\": \"status:503\", \"duration_s\": 30}, {\"fault\": \"reset\"}]}"));
        assertThat(active.pick(Provider.OPENAI, "gpt-4o").fault()).isEqualTo(new Fault.Status(503));
        clock.advance(Duration.ofSeconds(29));
        assertThat(active.pick(Provider.OPENAI, "gpt-4o").fault()).isEqualTo(new Fault.Status(503));
        clock.advance(Duration.ofSeconds(1));
        assertThat(active.pick(Provider.OPENAI, "gpt-4o").fault()).isEqualTo(new Fault.Reset());
    }
}
