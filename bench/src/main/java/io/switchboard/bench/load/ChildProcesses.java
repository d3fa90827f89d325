package io.switchboard.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process the harness started, so each is stopped exactly once, by its own PID, whether the run ends
 * normally, by an exception or by Ctrl-C (the shutdown hook), and what to clean up once they are gone.
 */
final class ChildProcesses implements AutoCloseable {
    private final List<ChildProcess> started = new ArrayList<>();
    private final List<Runnable> afterStop = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "stop-child-processes");

    ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void add(ChildProcess p) { started.add(p); }

    /** Runs {@code cleanup} once every process is stopped (e.g. removing the files they wrote). */
    synchronized void afterStop(Runnable cleanup) { afterStop.add(cleanup); }

    /** Stops the newest first, so the gateway goes before the simulator it talks to. */
    synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).stop();
        started.clear();
        afterStop.forEach(Runnable::run);
        afterStop.clear();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already in the JVM's shutdown: the hook runs (or ran) anyway
        }
    }
}
