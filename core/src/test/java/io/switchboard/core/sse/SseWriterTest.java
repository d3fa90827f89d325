package io.switchboard.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseWriterTest {

    @Test
    void writesIdEventAndDataLinesThenBlankLine() {
        String framed = new String(SseWriter.encode(new SseEvent("message_start", "{\"a\":1}", "42")), StandardCharsets.UTF_8);
        assertThat(framed).isEqualTo("id: 42\nevent: message_start\ndata: {\"a\":1}\n\n");
    }

    @Test
    void writesOnlyDataWhenNoEventOrId() {
        StringBuilder out = new StringBuilder();
        SseWriter.encode(SseEvent.data("[DONE]"), out);
        assertThat(out).hasToString("data: [DONE]\n\n");
    }

    @Test
    void splitsMultiLineData() {
        StringBuilder out = new StringBuilder();
        SseWriter.encode(SseEvent.data("a\nb\r\nc\rd"), out);
        assertThat(out).hasToString("data: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void roundTripsThroughParser() {
        List<SseEvent> events = List.of(
                new SseEvent("response.created", "{\"x\":\"ünï 🎉\"}", null),
                new SseEvent(null, "line one\nline two\n\nafter blank", "id-1"),
                SseEvent.data(""),
                SseEvent.data(" leading space"),
                SseEvent.of("error", "{}"));
        StringBuilder out = new StringBuilder();
        for (SseEvent e : events) SseWriter.encode(e, out);
        byte[] wire = out.toString().getBytes(StandardCharsets.UTF_8);

        List<SseEvent> parsed = new ArrayList<>();
        SseParser parser = new SseParser(parsed::add);
        parser.feed(wire, 0, wire.length);
        parser.end();
        assertThat(parsed).containsExactlyElementsOf(events);
    }

    @Test
    void rejectsLineBreaksInEventName() {
        assertThatThrownBy(() -> SseWriter.encode(SseEvent.of("a\nb", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSingleLineFastPathFramesLikeTheGeneralOne() {
        for (SseEvent e : java.util.List.of(SseEvent.data("{\"a\":\"é ✓ 🦊\"}"), SseEvent.of("message_stop", "{}"),
                new SseEvent("delta", "x", "42"), new SseEvent(null, "", "7"), SseEvent.data("two\nlines"))) {
            StringBuilder general = new StringBuilder();
            SseWriter.encode(e, general);
            assertThat(new String(SseWriter.encode(e), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(general.toString());
        }
    }

    @Test
    void anIdPutInFrontOfAFramedEventIsWhatEncodingTheEventWithThatIdWrites() {
        SseEvent event = SseEvent.of("content_block_delta", "{\"delta\":\"ünï ✓\"}");
        byte[] framed = SseWriter.encode(event);
        byte[] padded = new byte[framed.length + 6];
        System.arraycopy(framed, 0, padded, 3, framed.length);
        for (long id : new long[] {0, 7, 10, 99, 12345, Long.MAX_VALUE}) {
            assertThat(SseWriter.withId(id, padded, 3, framed.length)).isEqualTo(SseWriter.encode(event.withId(Long.toString(id))));
        }
        assertThatThrownBy(() -> SseWriter.withId(-1, framed, 0, framed.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
