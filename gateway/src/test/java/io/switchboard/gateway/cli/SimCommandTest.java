package io.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {

    private static SimCommand parsed(String... args) {
        SimCommand cmd = new SimCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void flagsBecomeTheSimulatorConfig() {
        SimulatorConfig c = parsed("--port", "9191", "--latency", "none", "--latency-for", "gpt-5*=ttft_ms=800,tps=40",
                "--rate-limit", "openai:gpt-4o*:60:1000", "--seed", "7").config(Map.of(SimCommand.API_KEY_ENV, "sk-sim"));
        assertThat(c.port()).isEqualTo(9191);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.latencyFor("gpt-4o").isNone()).isTrue();
        assertThat(c.latencyFor("gpt-5-mini").timeToFirstToken()).isEqualTo(Duration.ofMillis(800));
        assertThat(c.rateLimits()).hasSize(1);
        assertThat(c.requiredApiKey()).isEqualTo("sk-sim");
    }

    @Test
    void aMalformedRateLimitIsRefusedWithTheValue() {
        assertThatThrownBy(() -> parsed("--rate-limit", "openai:60").config(Map.of()))
                .hasMessageContaining("openai:60");
    }

    @Test
    void withoutTheEnvironmentVariableAnyKeyIsAccepted() {
        assertThat(parsed().config(Map.of()).requiredApiKey()).isNull();
    }
}
