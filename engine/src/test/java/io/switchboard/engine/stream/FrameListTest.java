package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameListTest {
    private static byte[] frame(int i) { return ("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8); }

    private static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    @Test
    void packingKeepsEveryFrameSequenceAndLengthAfterEarlierDrops() {
        FrameList list = new FrameList();
        for (int i = 0; i < 40; i++) list.add(frame(i), 100 + i);
        list.dropFirst(5);
        list.pack();
        assertThat(list.size()).isEqualTo(35);
        for (int i = 0; i < 35; i++) {
            assertThat(text(list.frame(i))).isEqualTo(text(frame(i + 5)));
            assertThat(list.sequence(i)).isEqualTo(105 + i);
            assertThat(list.length(i)).isEqualTo(frame(i + 5).length);
        }
        list.dropFirst(30);
        assertThat(list.size()).isEqualTo(5);
        assertThat(text(list.frame(0))).isEqualTo(text(frame(35)));
        assertThat(list.sequence(4)).isEqualTo(139);
        assertThatThrownBy(() -> list.add(frame(40), 140)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLongOpenStreamTrimmedOverAndOverKeepsItsFramesAndSequencesInOrder() {
        FrameList list = new FrameList();
        for (int i = 0; i < 10_000; i++) {
            list.add(frame(i), i);
            if (list.size() > 50) list.dropFirst(list.size() - 20); // as trimTo does for a stream over its share
        }
        assertThat(list.size()).isBetween(20, 50);
        int first = 10_000 - list.size();
        for (int i = 0; i < list.size(); i++) {
            assertThat(list.sequence(i)).isEqualTo(first + i);
            assertThat(text(list.frame(i))).isEqualTo(text(frame(first + i)));
        }
        list.pack();
        assertThat(list.sequence(0)).isEqualTo(first);
        assertThat(text(list.frame(list.size() - 1))).isEqualTo(text(frame(9_999)));
    }
}
