package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcParsingTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 731 269 0 0 20 0 40 0 123 9000000 50000 "
                + "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(1000);
    }

    @Test
    void rssComesFromTheStatusFile() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  420000 kB\nVmRSS:\t  312345 kB\nThreads:\t40\n";
        assertThat(ProcessMemory.parseKb(status, "VmRSS:")).isEqualTo(312_345);
        assertThat(ProcessMemory.parseKb(status, "VmHWM:")).isEqualTo(420_000);
        assertThat(ProcessMemory.parseKb(status, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void machineBusyShareFromTwoProcStatReadings() {
        MachineCpu before = MachineCpu.parse("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n");
        MachineCpu after = MachineCpu.parse("cpu  250 0 100 850 50 0 0 0 0 0\ncpu0 125 0 50 425 25 0 0 0 0 0\n");
        assertThat(before).isEqualTo(new MachineCpu(150, 1000));
        assertThat(after.busyFractionSince(before)).isEqualTo(0.8); // 200 busy of 250 jiffies
    }
}
