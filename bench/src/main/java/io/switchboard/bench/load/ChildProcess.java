package io.switchboard.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process the harness started (simulator, gateway, peer, wrk), with its output in a log file. */
final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with extra environment variables; stdout and stderr go to {@code log}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
                              ChildProcesses registry) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workDir != null) pb.directory(workDir.toFile());
        pb.environment().putAll(env);
        ChildProcess child = new ChildProcess(name, pb.start(), log);
        registry.add(child);
        return child;
    }

    String name() { return name; }

    long pid() { return process.pid(); }

    boolean alive() { return process.isAlive(); }

    /** Waits until something accepts TCP connections on the port, failing early if the process died. */
    void awaitPort(int port, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + tail());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeoutMs + " ms" + tail());
    }

    /** Waits for the process to exit by itself; stops it and returns -1 when it takes longer than the timeout. */
    int waitFor(long timeoutMs) throws InterruptedException {
        if (process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) return process.exitValue();
        stop();
        return -1;
    }

    /** SIGTERM to this process only, then SIGKILL if it has not exited after a grace period. */
    void stop() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
