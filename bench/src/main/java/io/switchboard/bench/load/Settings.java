package io.switchboard.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything a run was asked to do, after defaults and {@code --quick} are applied.
 *
 * @param duration        length of each measured run
 * @param warmup          load sent before each measured run (the same shape, not recorded) so the JIT is warm
 * @param initialWarmup   load sent to each target once at the start (25 s: the gateway JVM was still compiling its hot
 *                        path 15 s into a saturating load on 2 cores, and its CPU per request was then three times
 *                        the settled figure)
 * @param chunks          content events per stream (= max_tokens)
 * @param connections     wrk connections of the max-throughput runs
 * @param sweep           connection counts of the concurrency sweep
 * @param largeBodyBytes  the large request body of the size sweep
 * @param rates           fixed request rates (per second)
 * @param holdStreams     streams held open at once in the hold test
 * @param hold            how long the streams stay open together
 * @param groups          the scenario groups to run
 * @param peer            the peer gateway, or null
 * @param floor           whether a bare Vert.x pass-through proxy ({@link FloorProxy}) is measured too
 * @param repeat          rounds of each scenario (all targets in turn, round after round); the report shows each figure's median
 */
record Settings(Path root, Path out, boolean quick, Duration duration, Duration warmup, Duration initialWarmup, int chunks,
                int connections, List<Integer> sweep, int largeBodyBytes, List<Integer> rates, int holdStreams, Duration hold,
                Set<String> groups, String peer, boolean floor, int repeat, Path peerDir, Path peerHome, String journal) {

    static final List<String> GROUPS = List.of("max", "stream", "conn", "size", "rate", "rate-stream", "hold");
    static final int BODY_BYTES = 1024;
    /** Requests the fixed-rate driver lets wait at once before it drops (and counts) the next ones. */
    static final int MAX_IN_FLIGHT = 2000;
    /** Streams per second the hold test opens. */
    static final int HOLD_OPEN_RATE = 1000;
    /** Content events of a held stream: the simulator's answers are never shorter than 20 tokens. */
    static final int HOLD_CHUNKS = 20;

    /** How many servers each scenario is run against: the simulator, Switchboard, the floor proxy, the peer. */
    int targetCount() { return 2 + (floor ? 1 : 0) + (peer == null ? 0 : 1); }

    /** Rounds of {@code scenario}: the hold test runs once (it holds thousands of streams; its figures are counts). */
    int rounds(Scenario scenario) { return scenario instanceof Scenario.StreamHold ? 1 : repeat; }

    /** The scenarios to run, in order. */
    List<Scenario> plan() {
        List<Scenario> plan = new ArrayList<>();
        String c = "-c" + connections;
        if (groups.contains("max")) plan.add(new Scenario.ClosedLoop("max" + c, "max", connections, BODY_BYTES, false));
        if (groups.contains("stream")) plan.add(new Scenario.ClosedLoop("stream" + c, "stream", connections, BODY_BYTES, true));
        if (groups.contains("conn")) {
            for (int n : sweep) {
                if (n == connections && groups.contains("max")) continue; // the max run is that point
                plan.add(new Scenario.ClosedLoop("conn-c" + n, "conn", n, BODY_BYTES, false));
            }
        }
        if (groups.contains("size")) {
            String size = largeBodyBytes / 1024 + "KB";
            plan.add(new Scenario.ClosedLoop("size-" + size + "-c1", "size", 1, largeBodyBytes, false));
            plan.add(new Scenario.ClosedLoop("size-" + size + c, "size", connections, largeBodyBytes, false));
        }
        if (groups.contains("rate")) for (int r : rates) plan.add(new Scenario.FixedRate("rate-" + r, "rate", r, false));
        if (groups.contains("rate-stream")) for (int r : rates) plan.add(new Scenario.FixedRate("stream-rate-" + r, "rate-stream", r, true));
        // Last: Switchboard keeps a dropped client's upstream stream running to its end, so the held streams
        // would still be flowing through the gateway during whatever came next.
        if (groups.contains("hold")) plan.add(new Scenario.StreamHold("hold-" + holdStreams, "hold", holdStreams));
        return plan;
    }

    /** How long the hold test waits for all its streams to open: three times the opening schedule, at least 30 s. */
    Duration holdOpenTimeout() {
        return Duration.ofMillis(Math.max(30_000, 3 * holdStreams * 1000L / HOLD_OPEN_RATE));
    }

    /**
     * How long a held stream would last if the harness did not end it: longer than the slowest opening plus the
     * hold, so no stream ends by itself while the others are still being counted.
     */
    Duration holdStreamLife() {
        return holdOpenTimeout().plus(hold).plusSeconds(30);
    }

    /** The slow model's output rate, so that a held stream of {@link #HOLD_CHUNKS} tokens lasts {@link #holdStreamLife()}. */
    double holdTokensPerSecond() {
        return (HOLD_CHUNKS - 1) / (holdStreamLife().toMillis() / 1000.0);
    }
}
