package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used so far, from {@code /proc/<pid>/stat} (user + system, in clock ticks). */
final class ProcessCpu {
    private ProcessCpu() {}

    /** Reads the ticks of a live process; -1 when it is gone. */
    static long ticks(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * utime + stime (fields 14 and 15) of a stat line. The command name (field 2) is in parentheses and may
     * itself hold spaces or parentheses, so the fields are counted from the last ')'.
     */
    static long parseTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        String[] f = statLine.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
