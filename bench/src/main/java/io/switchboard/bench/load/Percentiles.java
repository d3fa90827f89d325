package io.switchboard.bench.load;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution reduced to the numbers the report shows, all in microseconds.
 *
 * @param p50Us  median
 * @param p90Us  90th percentile
 * @param p99Us  99th percentile
 * @param p999Us 99.9th percentile
 * @param maxUs  largest value
 * @param meanUs arithmetic mean
 */
public record Percentiles(double p50Us, double p90Us, double p99Us, double p999Us, double maxUs, double meanUs) {

    /** From a histogram recorded in nanoseconds. */
    public static Percentiles ofNanos(Histogram h) {
        if (h.getTotalCount() == 0) return null;
        return new Percentiles(h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getMean() / 1e3);
    }

    /**
     * This distribution minus a baseline, percentile by percentile: the latency a proxy adds. Percentiles do not
     * subtract exactly (the slowest gateway requests need not be the ones that were slow directly), but both
     * sides ran the same load in the same run, so the difference is the overhead as a client sees it; it can be
     * slightly negative when the overhead is below the noise.
     */
    public Percentiles minus(Percentiles baseline) {
        if (baseline == null) return null;
        return new Percentiles(p50Us - baseline.p50Us, p90Us - baseline.p90Us, p99Us - baseline.p99Us,
                p999Us - baseline.p999Us, maxUs - baseline.maxUs, meanUs - baseline.meanUs);
    }
}
