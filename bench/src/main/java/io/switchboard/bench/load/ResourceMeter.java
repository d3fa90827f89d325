package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures server processes over one window, from the outside (/proc), so the load generator's own work is
 * never counted: CPU from the utime+stime delta, peak RSS from a VmRSS sample every 100 ms (VmHWM would
 * only give the peak since the process started, not the peak of this run), and the machine's busy share.
 */
final class ResourceMeter implements AutoCloseable {
    static final double CLOCK_TICKS_PER_SECOND = clockTicks();

    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private final Map<String, Long> startRss = new LinkedHashMap<>();
    private final Map<String, Long> peakRss = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler;
    private final MachineCpu machineStart;

    /** Starts measuring the given processes (role, e.g. "gateway", to pid). */
    ResourceMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        pids.forEach((role, pid) -> {
            startTicks.put(role, ProcessCpu.ticks(pid));
            startRss.put(role, ProcessMemory.rssKb(pid));
            peakRss.put(role, startRss.get(role));
        });
        machineStart = MachineCpu.read();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        pids.forEach((role, pid) -> peakRss.merge(role, ProcessMemory.rssKb(pid), Math::max));
    }

    /** Ends the window (close() alone only stops the sampler, for the error path). */
    Usage stop() {
        sampler.shutdownNow();
        sample();
        MachineCpu machineEnd = MachineCpu.read();
        Map<String, ProcessUsage> byRole = new LinkedHashMap<>();
        synchronized (this) {
            pids.forEach((role, pid) -> {
                long delta = ProcessCpu.ticks(pid) - startTicks.get(role);
                byRole.put(role, new ProcessUsage(pid, delta / CLOCK_TICKS_PER_SECOND, startRss.get(role), peakRss.get(role)));
            });
        }
        return new Usage(byRole, machineEnd.busyFractionSince(machineStart));
    }

    @Override
    public void close() { sampler.shutdownNow(); }

    /** @param processes per role; @param machineBusy share of all cores busy in the window (0..1) */
    record Usage(Map<String, ProcessUsage> processes, double machineBusy) {}

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0) return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            // fall through to the value every Linux distribution uses
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
