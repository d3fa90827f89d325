package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One wrk run as its script's {@code done()} reported it.
 *
 * @param durationS     how long wrk sent requests
 * @param requests      completed requests (any status)
 * @param latency       wrk's latency distribution (closed loop: from the send of each request to its last byte)
 * @param non2xx        responses with a status of 400 or more (wrk's "status" errors)
 * @param socketErrors  connect, read and write errors and timeouts
 */
record WrkResult(double durationS, long requests, Percentiles latency, long non2xx, long socketErrors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Finds the result line in wrk's output. */
    static WrkResult parse(String wrkOutput) {
        String line = wrkOutput.lines().filter(l -> l.startsWith(WrkScript.RESULT_PREFIX)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("no " + WrkScript.RESULT_PREFIX.trim() + " line in wrk's output:\n" + wrkOutput));
        JsonNode r;
        try {
            r = JSON.readTree(line.substring(WrkScript.RESULT_PREFIX.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("bad wrk result line: " + line, e);
        }
        Percentiles latency = new Percentiles(r.get("p50_us").asDouble(), r.get("p90_us").asDouble(), r.get("p99_us").asDouble(),
                r.get("p999_us").asDouble(), r.get("max_us").asDouble(), r.get("mean_us").asDouble());
        long requests = r.get("requests").asLong();
        return new WrkResult(r.get("duration_us").asDouble() / 1e6, requests, requests == 0 ? null : latency,
                r.get("non2xx").asLong(),
                r.get("connect_errors").asLong() + r.get("read_errors").asLong() + r.get("write_errors").asLong() + r.get("timeouts").asLong());
    }

    double requestsPerSecond() { return durationS <= 0 ? 0 : requests / durationS; }
}
