package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/<pid>/status}. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS in kB; -1 when the process is gone. */
    static long rssKb(long pid) {
        return field(pid, "VmRSS:");
    }

    /** VmHWM (the most the process ever had resident) in kB; -1 when the process is gone. */
    static long peakRssKb(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            return parseKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")), name);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The value of a {@code Name:   123 kB} line of a status file, in kB; -1 when the line is missing. */
    static long parseKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
