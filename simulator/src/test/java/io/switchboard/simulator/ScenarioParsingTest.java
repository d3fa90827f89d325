package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParsingTest {

    @Test
    void parsesJsonRuleWithEveryField() {
        Scenario s = Scenario.parse("""
                {"rules": [{"provider": "openai", "model": "gpt-4o*", "fault": "status:429", "rate": 0.5,
                            "retry_after_ms": 1000, "duration_s": 30}]}""");
        assertThat(s.rules()).hasSize(1);
        ScenarioRule r = s.rules().getFirst();
        assertThat(r.provider()).isEqualTo(Provider.OPENAI);
        assertThat(r.model().toString()).isEqualTo("gpt-4o*");
        assertThat(r.fault()).isEqualTo(new Fault.Status(429));
        assertThat(r.rate()).isEqualTo(0.5);
        assertThat(r.retryAfterMs()).isEqualTo(1000L);
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void parsesYamlWithDefaults() {
        Scenario s = Scenario.parse("""
                rules:
                  - fault: reset
                  - provider: anthropic
                    fault: stall_ms:250
                    duration_s: 1.5
                """);
        assertThat(s.rules()).hasSize(2);
        ScenarioRule any = s.rules().get(0);
        assertThat(any.provider()).isNull();
        assertThat(any.rate()).isEqualTo(1.0);
        assertThat(any.duration()).isNull();
        assertThat(any.fault()).isEqualTo(new Fault.Reset());
        assertThat(any.selects(Provider.ANTHROPIC, null)).isTrue();
        assertThat(s.rules().get(1).fault()).isEqualTo(new Fault.Stall(250));
        assertThat(s.rules().get(1).duration()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void loadsFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "rules:\n  - model: claude-*\n    fault: malformed\n");
        Scenario s = Scenario.load(file);
        assertThat(s.rules().getFirst().selects(Provider.ANTHROPIC, "claude-haiku-4-5")).isTrue();
        assertThat(s.rules().getFirst().selects(Provider.ANTHROPIC, "gpt-4o")).isFalse();
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> Scenario.parse("{\"rules\": [")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Scenario.parse("{}")).hasMessageContaining("'rules'");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"model\":\"x\"}]}")).hasMessageContaining("rules[0]")
                .hasMessageContaining("'fault' is required");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"explode\"}]}")).hasMessageContaining("unknown fault 'explode'");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"reset\",\"rate\":2}]}")).hasMessageContaining("rate");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"reset\",\"colour\":1}]}")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"reset\",\"provider\":\"azure\"}]}")).hasMessageContaining("azure");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"status:200\"}]}")).hasMessageContaining("4xx/5xx");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"cut_after:x\"}]}")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"reset:1\"}]}")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> Scenario.parse("{\"rules\":[{\"fault\":\"reset\",\"rate\":\"half\"}]}")).hasMessageContaining("'rate' must be a number");
    }

    @Test
    void parsesEveryFaultKind() {
        assertThat(Fault.parse("status:503")).isEqualTo(new Fault.Status(503));
        assertThat(Fault.parse("reset")).isEqualTo(new Fault.Reset());
        assertThat(Fault.parse("stall_ms:100")).isEqualTo(new Fault.Stall(100));
        assertThat(Fault.parse("cut_after:3")).isEqualTo(new Fault.CutAfter(3));
        assertThat(Fault.parse("idle_ms:40")).isEqualTo(new Fault.Idle(40));
        assertThat(Fault.parse(" malformed ")).isEqualTo(new Fault.Malformed());
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(Glob.of("gpt-4o*").matches("gpt-4o-mini")).isTrue();
        assertThat(Glob.of("gpt-4o*").matches("gpt-4.1")).isFalse();
        assertThat(Glob.of("gpt-4.1").matches("gpt-4x1")).isFalse();
        assertThat(Glob.of("gpt-?").matches("gpt-5")).isTrue();
        assertThat(Glob.of("gpt-?").matches("gpt-5-mini")).isFalse();
        assertThat(Glob.of("*-mini").matches("gpt-5-mini")).isTrue();
        assertThat(Glob.of("gpt-4o").matches(null)).isFalse();
        assertThat(Glob.of("*").matches(null)).isTrue();
    }
}
