package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU counters from the first line of {@code /proc/stat}, so a report can show how busy
 * the box was during a run (a saturated box makes every latency worse, gateway or not).
 *
 * @param busy  jiffies spent working (user, nice, system, irq, softirq, steal)
 * @param total busy plus idle and iowait
 */
record MachineCpu(long busy, long total) {

    static MachineCpu read() {
        try {
            return parse(Files.readString(Path.of("/proc/stat")));
        } catch (IOException e) {
            return new MachineCpu(0, 0);
        }
    }

    static MachineCpu parse(String procStat) {
        String first = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line in /proc/stat"));
        String[] f = first.trim().split("\\s+");
        long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]), steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new MachineCpu(busy, busy + idle + iowait);
    }

    /** Fraction of the machine (all cores) that was busy between {@code earlier} and this reading. */
    double busyFractionSince(MachineCpu earlier) {
        long dt = total - earlier.total;
        return dt <= 0 ? 0 : (double) (busy - earlier.busy) / dt;
    }
}
