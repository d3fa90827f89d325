package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void addedLatencyIsThePercentileByPercentileDifference() {
        Percentiles direct = new Percentiles(100, 200, 400, 900, 2000, 150);
        Percentiles proxied = new Percentiles(160, 290, 1400, 1000, 1500, 230);
        assertThat(proxied.minus(direct)).isEqualTo(new Percentiles(60, 90, 1000, 100, -500, 80));
        assertThat(proxied.minus(null)).isNull();
    }

    @Test
    void fromANanosecondHistogramInMicroseconds() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) h.recordValue(i * 1_000L); // 1 us .. 1000 us
        Percentiles p = Percentiles.ofNanos(h);
        assertThat(p.p50Us()).isBetween(499.0, 501.0);
        assertThat(p.p99Us()).isBetween(989.0, 991.0);
        assertThat(p.p999Us()).isBetween(998.0, 1000.5);
        assertThat(Percentiles.ofNanos(new Histogram(3))).isNull();
    }
}
