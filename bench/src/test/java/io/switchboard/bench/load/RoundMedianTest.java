package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundMedianTest {

    @Test
    void everyFigureIsTheMedianSoOneBadRoundDoesNotDecide() {
        ResultRow merged = RoundMedian.of(List.of(
                row(1000, 0.100, 900, 0, 200_000),
                row(9000, 0.400, 500, 0, 300_000),   // the round that met a busy machine
                row(1200, 0.120, 1000, 0, 250_000)));
        assertThat(merged.latency().p99Us()).isEqualTo(1200);
        assertThat(merged.latency().p50Us()).isEqualTo(120);
        assertThat(merged.requestsPerSecond()).isEqualTo(900);
        assertThat(merged.requests()).isEqualTo(9000);
        assertThat(merged.cpuSecondsPer1k()).isCloseTo(0.120, offset(1e-9));
        assertThat(merged.peakRssMiB()).isCloseTo(300_000 / 1024.0, offset(1e-9)); // memory: the largest seen
        assertThat(merged.errorCount()).isZero();
    }

    @Test
    void errorsOfAnyRoundAreKept() {
        ResultRow merged = RoundMedian.of(List.of(row(1000, 0.1, 900, 0, 1), row(1000, 0.1, 900, 4, 1), row(1000, 0.1, 900, 0, 1)));
        assertThat(merged.errorCount()).isEqualTo(4);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        assertThat(RoundMedian.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(RoundMedian.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void roundsOfDifferentRunsAreRefused() {
        ResultRow other = new ResultRow("rate-2000", "rate", "floor", "fixed-rate", false, 1024, null, 2000, 10, 1, 1,
                null, null, Map.of(), null, "server", Map.of(), 0);
        assertThatThrownBy(() -> RoundMedian.of(List.of(row(1, 0.1, 1, 0, 1), other))).isInstanceOf(IllegalArgumentException.class);
    }

    /** A rate-2000 Switchboard round: p99 in µs (p50 a tenth of it), CPU ms per request, req/s over 10 s. */
    private static ResultRow row(double p99Us, double cpuMs, double perSecond, long errors, long peakRssKb) {
        long requests = Math.round(perSecond * 10);
        Map<String, ProcessUsage> processes = new LinkedHashMap<>();
        processes.put("gateway", new ProcessUsage(1, cpuMs * requests / 1000, 1000, peakRssKb));
        return new ResultRow("rate-2000", "rate", "switchboard", "fixed-rate", false, 1024, null, 2000, 10, requests, perSecond,
                new Percentiles(p99Us / 10, p99Us / 2, p99Us, p99Us * 2, p99Us * 3, p99Us / 8), null, Map.of("non2xx", errors),
                null, "gateway", processes, 0.5);
    }
}
