package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the numbers were measured on, so two results files can be compared honestly.
 *
 * @param gatewayJavaOptions the SWITCHBOARD_JAVA_OPTS the gateway ran with (empty: the JVM's defaults)
 * @param gitCommit          the work tree's commit, with "+dirty" when it had uncommitted changes
 * @param loadAverageAtStart /proc/loadavg before the servers started: other work on the machine skews every number
 */
record MachineInfo(String startedAt, int cpus, String cpuModel, long memoryMib, String kernel, String jdk,
                   String gatewayJavaOptions, String node, String wrk, String peerVersion, String gitCommit,
                   String loadAverageAtStart) {

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] f = read("/proc/loadavg").trim().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    static MachineInfo describe(Path root, String gatewayJavaOptions, String peerVersion, String loadAverageAtStart) {
        return new MachineInfo(Instant.now().toString(), Runtime.getRuntime().availableProcessors(), readCpuModel(),
                ProcessMemory.parseKb(read("/proc/meminfo"), "MemTotal:") / 1024, read("/proc/sys/kernel/osrelease").trim(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), gatewayJavaOptions,
                firstLine(List.of("node", "--version")), wrkVersion(), peerVersion, gitCommit(root), loadAverageAtStart);
    }

    private static String readCpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    /** wrk -v prints e.g. "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer". */
    private static String wrkVersion() {
        String line = firstLine(List.of("wrk", "-v"));
        if (line == null) return null;
        int copyright = line.indexOf(" Copyright");
        return (copyright > 0 ? line.substring(0, copyright) : line).replaceFirst("^wrk ", "");
    }

    private static String gitCommit(Path root) {
        String commit = firstLine(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"));
        String status = run(List.of("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no"));
        return commit == null ? null : commit + (status != null && !status.isBlank() ? "+dirty" : "");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(List<String> command) {
        String out = run(command);
        return out == null || out.isBlank() ? null : out.lines().findFirst().orElse(null).trim();
    }

    /** A command's output, or null when it is not installed or fails to start. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
