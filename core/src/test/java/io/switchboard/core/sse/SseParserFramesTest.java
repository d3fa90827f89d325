package io.switchboard.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SseParser#frames}: the same events as the event parser, plus the frame's bytes when SseWriter's form. */
class SseParserFramesTest {
    /** What a frame handed over: its event, whether it was canonical and (then) a copy of its bytes. */
    private record Seen(SseEvent event, boolean canonical, byte[] bytes) {}

    private static List<Seen> frames(byte[] input, int... cuts) {
        List<Seen> out = new ArrayList<>();
        SseParser parser = SseParser.frames(f -> out.add(new Seen(f.event(), f.canonical(),
                f.canonical() ? Arrays.copyOf(f.bytes(), f.length()) : null)));
        int from = 0;
        for (int cut : cuts) {
            parser.feed(input, from, cut - from);
            from = cut;
        }
        parser.feed(input, from, input.length - from);
        return out;
    }

    private static List<SseEvent> events(byte[] input) {
        List<SseEvent> out = new ArrayList<>();
        new SseParser(out::add).feed(input, 0, input.length);
        return out;
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void framesInTheWritersFormComeWithTheirBytesWhereverTheInputIsCut() {
        String[] canonical = {
                "data: {\"a\":1}\n\n",
                "event: content_block_delta\ndata: {\"delta\":\"ünïcödé ✓ 🎉\"}\n\n",
                "data: first\ndata: second\n\n",
                "data: \n\n",
                "data:  two spaces kept\n\n",
                "event:  spaced name\ndata: x\n\n",
        };
        for (String frame : canonical) {
            byte[] input = utf8(frame);
            for (int cut = 0; cut <= input.length; cut++) {
                List<Seen> seen = frames(input, cut);
                assertThat(seen).as("%s cut at %d", frame, cut).hasSize(1);
                assertThat(seen.getFirst().event()).isEqualTo(events(input).getFirst());
                assertThat(seen.getFirst().canonical()).as(frame).isTrue();
                assertThat(seen.getFirst().bytes()).isEqualTo(input).isEqualTo(SseWriter.encode(seen.getFirst().event()));
            }
        }
    }

    @Test
    void aFramesNameAndUndecodedDataAreThoseOfItsEvent() {
        byte[] input = utf8("event: content_block_delta\ndata: {\"t\":\"ünï ✓\"}\n\n"
                + "event:\ndata: unnamed\n\n"
                + ": comment\r\nid: 7\r\nevent: ping\r\ndata: a\r\ndata:b\r\n\r\n"
                + "data: \n\n"
                + "data: last\ndata: \n\n");
        List<String> names = new ArrayList<>();
        List<String> undecoded = new ArrayList<>();
        List<SseEvent> decoded = new ArrayList<>();
        SseParser parser = SseParser.frames(f -> {
            names.add(f.name());
            undecoded.add(new String(f.data(), 0, f.dataLength(), StandardCharsets.UTF_8));
            decoded.add(f.event());
        });
        for (int i = 0; i < input.length; i += 5) parser.feed(input, i, Math.min(5, input.length - i));

        assertThat(decoded).isEqualTo(events(input)).hasSize(5);
        assertThat(names).isEqualTo(decoded.stream().map(SseEvent::event).toList());
        assertThat(undecoded).isEqualTo(decoded.stream().map(SseEvent::data).toList());
        assertThat(names).containsExactly("content_block_delta", null, "ping", null, null);
        assertThat(undecoded).containsExactly("{\"t\":\"ünï ✓\"}", "unnamed", "a\nb", "", "last\n");
    }

    @Test
    void framesNotInTheWritersFormAreOnlyDecoded() {
        String[] others = {
                "data:x\n\n",                       // no space after the colon
                "data\n\n",                         // no colon at all
                "data: x\r\n\r\n",                  // CRLF
                "data: x\r\r",                      // CR
                ": keep-alive\ndata: x\n\n",        // a comment
                "id: 7\ndata: x\n\n",               // an id of its own
                "retry: 5\ndata: x\n\n",            // a field the writer drops
                "data: x\nevent: late\n\n",         // the event name after the data
                "event: a\nevent: b\ndata: x\n\n",  // the event name twice
                "event: \ndata: x\n\n",             // an empty event name
                "\uFEFFdata: x\n\n",                // a byte order mark
        };
        for (String frame : others) {
            byte[] input = utf8(frame);
            List<Seen> seen = frames(input);
            assertThat(seen).as(frame).hasSize(1);
            assertThat(seen.getFirst().canonical()).as(frame).isFalse();
            assertThat(seen.getFirst().event()).as(frame).isEqualTo(events(input).getFirst());
        }
    }

    @Test
    void aFrameAfterAnIrregularOneIsJudgedOnItsOwn() {
        byte[] input = utf8("id: 1\ndata: a\n\nevent: e\ndata: b\n\n: c\n\ndata: c\n\n");
        List<Seen> seen = frames(input);
        assertThat(seen).extracting(Seen::canonical).containsExactly(false, true, true);
        assertThat(new String(seen.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("event: e\ndata: b\n\n");
        assertThat(new String(seen.get(2).bytes(), StandardCharsets.UTF_8)).isEqualTo("data: c\n\n");
    }

    @Test
    void randomStreamsGiveTheEventParsersEventsAndWriterExactBytes() {
        Random random = new Random(42);
        String[] lines = {"data: {\"k\":\"v\"}", "data: ✓ é", "data:", "data:tight", "data:  wide", "event: delta", "event: ",
                "event:x", "id: 3", ": note", "retry: 1", "unknown: 1", "data: [DONE]"};
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int f = 0, n = 1 + random.nextInt(4); f < n; f++) {
                for (int l = 0, m = 1 + random.nextInt(3); l < m; l++) {
                    text.append(lines[random.nextInt(lines.length)]).append(ends[random.nextInt(ends.length)]);
                }
                text.append(ends[random.nextInt(ends.length)]);
            }
            byte[] input = utf8(text.toString());
            int[] cuts = random.ints(random.nextInt(4), 0, input.length + 1).sorted().toArray();
            List<Seen> seen = frames(input, cuts);
            assertThat(seen).extracting(Seen::event).as(text.toString()).containsExactlyElementsOf(events(input));
            for (Seen s : seen) {
                if (s.canonical()) assertThat(s.bytes()).as(text.toString()).isEqualTo(SseWriter.encode(s.event()));
            }
        }
    }
}
