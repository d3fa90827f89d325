package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorLatencyTest {

    @Test
    void parsesCliSpecs() {
        assertThat(LatencyModel.parse("none")).isEqualTo(LatencyModel.NONE);
        assertThat(LatencyModel.parse("none").isNone()).isTrue();
        LatencyModel m = LatencyModel.parse("ttft_ms=300,tps=80");
        assertThat(m.timeToFirstToken()).isEqualTo(Duration.ofMillis(300));
        assertThat(m.tokensPerSecond()).isEqualTo(80.0);
        assertThat(m.isNone()).isFalse();
        assertThat(LatencyModel.parse("tps=100").timeToFirstToken()).isZero();
        assertThat(LatencyModel.parse("ttft_ms=5").nanosForTokens(100)).isZero();
    }

    @Test
    void rejectsBadSpecs() {
        assertThatThrownBy(() -> LatencyModel.parse("ttft=3")).hasMessageContaining("unknown latency key 'ttft'");
        assertThatThrownBy(() -> LatencyModel.parse("tps=fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> LatencyModel.parse("tps=0")).hasMessageContaining("tokensPerSecond");
        assertThatThrownBy(() -> LatencyModel.parse("ttft_ms")).hasMessageContaining("bad latency term");
    }

    @Test
    void scheduleSendsFramingAtOnceThenPacesTokens() {
        LatencyModel m = new LatencyModel(Duration.ofMillis(100), 50); // 20 ms per token
        List<SimReply.Frame> frames = List.of(new SimReply.Frame("a", 0), new SimReply.Frame("b", 1),
                new SimReply.Frame("c", 1), new SimReply.Frame("d", 2), new SimReply.Frame("e", 0));
        long[] due = FrameSchedule.due(frames, m, -1, 0);
        assertThat(due).containsExactly(0, 100_000_000, 120_000_000, 160_000_000, 160_000_000);
        long[] paused = FrameSchedule.due(frames, m, 2, 5_000_000);
        assertThat(paused).containsExactly(0, 100_000_000, 125_000_000, 165_000_000, 165_000_000);
        assertThat(FrameSchedule.immediate(FrameSchedule.due(frames, LatencyModel.NONE, -1, 0))).isTrue();
        assertThat(m.totalNanos(11)).isEqualTo(300_000_000);
    }

    @Test
    void configPicksFirstMatchingOverride() {
        SimulatorConfig c = SimulatorConfig.builder()
                .latency(LatencyModel.parse("ttft_ms=10"))
                .latency("gpt-5*", LatencyModel.parse("ttft_ms=500"))
                .latency("gpt-*", LatencyModel.parse("ttft_ms=50"))
                .build();
        assertThat(c.latencyFor("gpt-5-mini").timeToFirstToken()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.latencyFor("gpt-4o").timeToFirstToken()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.latencyFor("claude-haiku-4-5").timeToFirstToken()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.latencyFor(null).timeToFirstToken()).isEqualTo(Duration.ofMillis(10));
    }
}
