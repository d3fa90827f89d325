package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseWatcherTest {
    private static final String STREAM = "id: 0\ndata: {\"a\":1}\n\nid: 1\ndata: {\"a\":2}\n\n: comment\n\nid: 2\ndata: [DONE]\n\n";

    @Test
    void theFirstDataEventCountsWhenItIsCompleteEvenAcrossChunks() {
        SseWatcher w = new SseWatcher();
        byte[] b = STREAM.getBytes(StandardCharsets.US_ASCII);
        int cut = STREAM.indexOf("\n\n") + 1; // the event's blank line has not arrived yet
        assertThat(w.feed(b, 0, cut)).isFalse();
        assertThat(w.feed(b, cut, cut + 1)).isTrue();
        assertThat(w.feed(b, cut + 1, b.length)).isFalse();
        assertThat(w.dataEvents()).isEqualTo(3);
        assertThat(w.sawDone()).isTrue();
    }

    @Test
    void crlfLineEndsAndAStreamCutBeforeDone() {
        SseWatcher w = new SseWatcher();
        byte[] b = "event: x\r\ndata: {\"DONE\":1}\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(w.feed(b, 0, b.length)).isTrue();
        assertThat(w.sawDone()).isFalse();
    }

    @Test
    void byteByByteFeedingFindsTheSameEvents() {
        SseWatcher w = new SseWatcher();
        byte[] b = STREAM.getBytes(StandardCharsets.US_ASCII);
        int firsts = 0;
        for (int i = 0; i < b.length; i++) if (w.feed(b, i, i + 1)) firsts++;
        assertThat(firsts).isEqualTo(1);
        assertThat(w.dataEvents()).isEqualTo(3);
        assertThat(w.sawDone()).isTrue();
    }
}
