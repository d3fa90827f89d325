package io.switchboard.bench.load;

/** One measured load shape; each is run against every target, the simulator directly first. */
sealed interface Scenario {
    /** Unique id, e.g. {@code conn-c100}; names rows and raw files. */
    String id();

    /** The group {@code --only} / {@code --skip} select by: max, stream, conn, size, rate, rate-stream, hold. */
    String group();

    /** wrk, closed loop: {@code connections} each send the next request when the last answer is complete. */
    record ClosedLoop(String id, String group, int connections, int bodyBytes, boolean stream) implements Scenario {}

    /** The open-loop driver at a fixed rate, latency from each request's intended send time. */
    record FixedRate(String id, String group, int rate, boolean stream) implements Scenario {}

    /** {@code streams} slow streams opened through a proxy and held open together, to measure its memory. */
    record StreamHold(String id, String group, int streams) implements Scenario {}
}
