package io.switchboard.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one open-loop run saw. Latencies are measured from each request's <em>intended</em> send time, so a
 * server that stalls is charged for every request that should have been sent during the stall (coordinated
 * omission corrected), not only for the one it held up.
 *
 * @param scheduled       requests the schedule asked for
 * @param ok              2xx answers read to the end (streams: with their {@code [DONE]})
 * @param non2xx          answers with another status
 * @param failed          connection errors, resets and timeouts
 * @param incomplete      2xx streams that ended without {@code [DONE]}
 * @param dropped         requests not sent because {@code maxInFlight} were already waiting (the target is saturated)
 * @param unfinished      requests still waiting for an answer (hold test: for their first event) at the end
 * @param latency         intended send to last byte, ns (successful requests)
 * @param ttft            intended send to the first complete SSE data event, ns (streams only)
 * @param maxOpenStreams  most streams open at once (first event received, end not yet)
 * @param openStreams     streams open when the numbers were taken
 * @param elapsedS        from the first intended send until the numbers were taken
 */
record DriverResult(long scheduled, long ok, long non2xx, long failed, long incomplete, long dropped, long unfinished,
                    Histogram latency, Histogram ttft, int maxOpenStreams, int openStreams,
                    double elapsedS) {

    long errors() { return non2xx + failed + incomplete + dropped + unfinished; }
}
