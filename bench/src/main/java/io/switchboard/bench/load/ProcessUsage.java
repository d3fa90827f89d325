package io.switchboard.bench.load;

/**
 * What one server process used during one measured run.
 *
 * @param pid        the process
 * @param cpuSeconds user + system CPU time used in the window
 * @param startRssKb VmRSS when the window opened
 * @param peakRssKb  the largest VmRSS seen by the 100 ms sampler in the window
 */
public record ProcessUsage(long pid, double cpuSeconds, long startRssKb, long peakRssKb) {

    /** CPU seconds per 1,000 requests (the same number as milliseconds of CPU per request). */
    public double cpuSecondsPer1k(long requests) {
        return requests <= 0 ? Double.NaN : cpuSeconds * 1000.0 / requests;
    }
}
