package io.switchboard.bench.load;

import java.util.Map;

/**
 * One scenario against one target.
 *
 * @param kind            closed-loop (wrk), fixed-rate or hold (the open-loop driver)
 * @param connections     wrk connections (closed loop); the hold test's streams
 * @param rate            requests per second asked for (fixed rate); the hold test's streams opened per second
 * @param durationS       the measured window
 * @param requests        successful requests in the window; the hold test's streams still open at its end
 * @param requestsPerSecond successful requests per second
 * @param latency         closed loop: send to last byte; open loop: intended send to last byte
 * @param ttft            streams from the driver: intended send to the first complete SSE data event
 * @param errors          error counts by kind (non2xx, socket, failed, incomplete, dropped, unfinished)
 * @param maxOpenStreams  hold test: most streams open at once
 * @param serverRole      the process under test in {@code processes}
 * @param processes       CPU and peak RSS per process (the server under test first; the simulator behind a proxy as "upstream")
 * @param machineBusy     share of all cores busy during the window (0..1)
 */
record ResultRow(String scenario, String group, String target, String kind, boolean stream, int bodyBytes,
                 Integer connections, Integer rate, double durationS, long requests, double requestsPerSecond,
                 Percentiles latency, Percentiles ttft, Map<String, Long> errors, Integer maxOpenStreams,
                 String serverRole, Map<String, ProcessUsage> processes, double machineBusy) {

    long errorCount() { return errors.values().stream().mapToLong(Long::longValue).sum(); }

    ProcessUsage server() { return processes.get(serverRole); }

    /** CPU seconds of the server under test per 1,000 successful requests. */
    double cpuSecondsPer1k() { return server() == null ? Double.NaN : server().cpuSecondsPer1k(requests); }

    double peakRssMiB() { return server() == null ? Double.NaN : server().peakRssKb() / 1024.0; }
}
