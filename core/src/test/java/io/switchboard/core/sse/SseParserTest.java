package io.switchboard.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.wire.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","text":"héllo 世界 🎉"}

            : keep-alive comment
            event: content_block_delta
            id: 7
            data: {"delta":"ünïcödé ✓"}

            data: first line
            data: second line
            data:third line

            data: [DONE]

            """;

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("message_start", "{\"type\":\"message_start\",\"text\":\"héllo 世界 🎉\"}", null),
            new SseEvent("content_block_delta", "{\"delta\":\"ünïcödé ✓\"}", "7"),
            new SseEvent(null, "first line\nsecond line\nthird line", null),
            new SseEvent(null, "[DONE]", null));

    @Test
    void parsesWholeStream() {
        assertThat(parse(bytes(STREAM))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void splitAtEveryBytePositionGivesIdenticalEvents() {
        byte[] all = bytes(STREAM);
        for (int cut = 0; cut <= all.length; cut++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            parser.feed(all, 0, cut);
            parser.feed(all, cut, all.length - cut);
            parser.end();
            assertThat(events).as("split at byte %d", cut).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void oneByteAtATimeGivesIdenticalEvents() {
        byte[] all = bytes(STREAM.replace("\n", "\r\n"));
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        for (int i = 0; i < all.length; i++) parser.feed(all, i, 1);
        assertThat(events).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void acceptsCrLfAndBareCrLineEnds() {
        assertThat(parse(bytes(STREAM.replace("\n", "\r\n")))).containsExactlyElementsOf(EXPECTED);
        assertThat(parse(bytes(STREAM.replace("\n", "\r")))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void crLfSplitBetweenChunksIsOneLineEnd() {
        byte[] all = bytes("data: a\r\n\r\ndata: b\r\n\r\n");
        for (int cut = 0; cut <= all.length; cut++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            parser.feed(all, 0, cut);
            parser.feed(all, cut, all.length - cut);
            assertThat(events).as("split at %d", cut).containsExactly(SseEvent.data("a"), SseEvent.data("b"));
        }
    }

    @Test
    void ignoresCommentsAndFramesWithoutData() {
        List<SseEvent> events = parse(bytes(": comment\n\nevent: ping\n\n:another\ndata: x\n\n"));
        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void fieldWithoutColonAndEmptyDataLine() {
        // "data" alone is a data field with an empty value; two of them give one LF.
        assertThat(parse(bytes("data\ndata\n\n"))).containsExactly(SseEvent.data("\n"));
        assertThat(parse(bytes("data:\n\n"))).containsExactly(SseEvent.data(""));
    }

    @Test
    void onlyOneLeadingSpaceIsStripped() {
        assertThat(parse(bytes("data:   indented\n\n"))).containsExactly(SseEvent.data("  indented"));
    }

    @Test
    void unknownFieldsAndRetryAreIgnored() {
        assertThat(parse(bytes("retry: 1000\nfoo: bar\ndata: x\n\n"))).containsExactly(SseEvent.data("x"));
    }

    @Test
    void idIsPerFrame() {
        List<SseEvent> events = parse(bytes("id: 1\ndata: a\n\ndata: b\n\n"));
        assertThat(events).containsExactly(new SseEvent(null, "a", "1"), SseEvent.data("b"));
    }

    @Test
    void unterminatedTrailingFrameIsDropped() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(bytes("data: complete\n\ndata: partial\n"), 0, bytes("data: complete\n\ndata: partial\n").length);
        parser.end();
        assertThat(events).containsExactly(SseEvent.data("complete"));
    }

    @Test
    void stripsLeadingByteOrderMark() {
        byte[] body = bytes("data: x\n\n");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(parse(withBom)).containsExactly(SseEvent.data("x"));
    }

    @Test
    void feedsHeapAndDirectByteBuffers() {
        byte[] all = bytes(STREAM);
        List<SseEvent> heap = new ArrayList<>();
        SseParser heapParser = new SseParser(heap::add);
        ByteBuffer slice = ByteBuffer.wrap(all, 5, all.length - 5).slice();
        heapParser.feed(ByteBuffer.wrap(all, 0, 5));
        heapParser.feed(slice);
        assertThat(heap).containsExactlyElementsOf(EXPECTED);

        List<SseEvent> direct = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(all.length);
        buffer.put(all).flip();
        new SseParser(direct::add).feed(buffer);
        assertThat(direct).containsExactlyElementsOf(EXPECTED);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void rejectsFramesLargerThanTheLimit() {
        SseParser parser = new SseParser(e -> {}, 16);
        byte[] big = bytes("data: " + "x".repeat(32) + "\n\n");
        assertThatThrownBy(() -> parser.feed(big, 0, big.length)).isInstanceOf(IllegalStateException.class);
    }

    private static List<SseEvent> parse(byte[] all) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(all, 0, all.length);
        parser.end();
        return events;
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void knowsWhenEverythingFedFormedWholeFrames() {
        SseParser parser = new SseParser(e -> { });
        assertThat(parser.atFrameBoundary()).isTrue();
        byte[] frame = "event: x\ndata: a\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        parser.feed(frame, 0, 5);
        assertThat(parser.atFrameBoundary()).isFalse();
        parser.feed(frame, 5, 12);
        assertThat(parser.atFrameBoundary()).as("fields read, frame not ended").isFalse();
        parser.feed(frame, 17, frame.length - 17);
        assertThat(parser.atFrameBoundary()).isTrue();
        byte[] cr = "data: b\r\n\r".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        parser.feed(cr, 0, cr.length);
        assertThat(parser.atFrameBoundary()).as("a CR may still be followed by its LF").isFalse();
    }

    @Test
    void findsEveryLineEndWhereverItFallsInAWordAndWhateverTheOtherBytes() {
        // Line ends are searched eight bytes at a time: every length of value, at every offset into the input,
        // with every kind of line end, among bytes next to CR and LF in value (0x0B, 0x0C, 0x0E) and with the
        // high bit set (0x8A, 0x8D): each gives the one event written, whole or cut anywhere.
        byte[] alphabet = {'a', 0x0B, 0x0C, 0x0E, 0x09, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, (byte) 0x80, 0x00, '"'};
        Random random = new Random(42);
        for (String lineEnd : List.of("\n", "\r\n", "\r")) {
            for (int length = 0; length <= 40; length++) {
                byte[] value = new byte[length];
                for (int i = 0; i < length; i++) value[i] = alphabet[random.nextInt(alphabet.length)];
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.writeBytes(bytes("data: "));
                frame.writeBytes(value);
                frame.writeBytes(bytes(lineEnd + lineEnd));
                byte[] framed = frame.toByteArray();
                SseEvent expected = new SseEvent(null, new String(value, StandardCharsets.UTF_8), null);
                for (int offset = 0; offset < 8; offset++) {
                    byte[] input = new byte[offset + framed.length + 8];
                    Arrays.fill(input, (byte) '\n'); // a line end just outside the slice must not be seen
                    System.arraycopy(framed, 0, input, offset, framed.length);
                    List<SseEvent> whole = new ArrayList<>();
                    SseParser parser = new SseParser(whole::add);
                    parser.feed(input, offset, framed.length);
                    assertThat(whole).as("%s, %d bytes at offset %d", lineEnd.replace("\r", "CR").replace("\n", "LF"), length, offset)
                            .containsExactly(expected);
                    int cut = random.nextInt(framed.length + 1);
                    List<SseEvent> halves = new ArrayList<>();
                    SseParser cutParser = new SseParser(halves::add);
                    cutParser.feed(input, offset, cut);
                    cutParser.feed(input, offset + cut, framed.length - cut);
                    assertThat(halves).as("cut at %d", cut).containsExactly(expected);
                }
            }
        }
    }
}
