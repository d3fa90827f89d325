package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRingTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String text(byte[] b) { return b == null ? null : new String(b, StandardCharsets.UTF_8); }

    @Test
    void blocksWrapRoundTheEndAndReadBackWhole() {
        FrameRing ring = new FrameRing(10);
        long a = ring.write(List.of(bytes("abcdef")), 6);
        long b = ring.write(List.of(bytes("ghi"), bytes("jkl")), 6); // positions 6..11: wraps inside the second block
        assertThat(text(ring.read(b, 0, 6))).isEqualTo("ghijkl");
        assertThat(text(ring.read(b, 3, 2))).isEqualTo("jk");
        assertThat(ring.read(a, 0, 6)).as("b overwrote the start of a").isNull();
    }

    @Test
    void aBlockStaysReadableUntilTheRingHasGoneRoundPastIt() {
        FrameRing ring = new FrameRing(12);
        long a = ring.write(List.of(bytes("aaaa")), 4);
        long b = ring.write(List.of(bytes("bbbb")), 4);
        long c = ring.write(List.of(bytes("cccc")), 4); // exactly full
        assertThat(text(ring.read(a, 0, 4))).isEqualTo("aaaa");
        ring.write(List.of(bytes("d")), 1);
        assertThat(ring.read(a, 0, 4)).isNull();
        assertThat(text(ring.read(b, 0, 4))).isEqualTo("bbbb");
        assertThat(text(ring.read(c, 1, 3))).isEqualTo("ccc");
        assertThat(ring.write(List.of(new byte[13]), 13)).as("larger than the ring").isEqualTo(-1);
    }
}
