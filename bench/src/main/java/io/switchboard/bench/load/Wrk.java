package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs wrk, the closed-loop load generator: each connection sends its next request as soon as the previous
 * answer has fully arrived, so it finds the maximum throughput and the latency at a given concurrency.
 */
final class Wrk {
    private final Path workDir;
    private final Path rawDir;
    private final ChildProcesses children;
    private final int cores = Runtime.getRuntime().availableProcessors();

    /** @param workDir scratch files (scripts, bodies); @param rawDir wrk's output of each measured run */
    Wrk(Path workDir, Path rawDir, ChildProcesses children) {
        this.workDir = workDir;
        this.rawDir = rawDir;
        this.children = children;
    }

    /** Runs wrk once; {@code runName} names the files (a warm-up passes null and keeps no output). */
    WrkResult run(String runName, Target target, String body, int connections, Duration duration)
            throws IOException, InterruptedException {
        String stem = runName == null ? "warmup-" + target.name() : runName;
        Path bodyFile = workDir.resolve(stem + ".json");
        Files.writeString(bodyFile, body);
        Path script = workDir.resolve(stem + ".lua");
        Files.writeString(script, WrkScript.lua("/v1/chat/completions", bodyFile.toString(), target.headers()));
        Path out = (runName == null ? workDir : rawDir).resolve(stem + ".txt");
        int threads = Math.max(1, Math.min(cores, connections));
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + target.port());
        ChildProcess wrk = ChildProcess.start("wrk", command, Map.of(), workDir, out, children);
        int code = wrk.waitFor(duration.toMillis() + 60_000);
        String output = Files.readString(out);
        if (code != 0) throw new IllegalStateException("wrk exited with " + code + ":\n" + output);
        return WrkResult.parse(output);
    }
}
