package io.switchboard.engine.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.DeltaEvents;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.WireFormats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Skipping the events DeltaEvents calls text-only must not change the usage a stream reports, in any format. */
class DeltaEventsTest {

    private static List<StreamEvent> answer(boolean withTool) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.MessageStart("msg_1", "m", new Usage(40, 1, 8, 0, 0), 1_700_000_000L));
        events.add(new StreamEvent.TextStart(0));
        for (String piece : List.of("The \"usage\": {", " error", " finish_reason\":null", " done.")) {
            events.add(new StreamEvent.TextDelta(0, piece));
        }
        events.add(new StreamEvent.PartStop(0));
        if (withTool) {
            events.add(new StreamEvent.ToolCallStart(1, "call_1", "lookup"));
            events.add(new StreamEvent.ToolArgumentsDelta(1, "{\"q\":"));
            events.add(new StreamEvent.ToolArgumentsDelta(1, "\"x\"}"));
            events.add(new StreamEvent.PartStop(1));
        }
        events.add(new StreamEvent.MessageStop(withTool ? StopReason.TOOL_USE : StopReason.END_TURN, null, new Usage(40, 23, 8, 0, 0)));
        return events;
    }

    private static Usage[] usages(StreamDecoder decoder, List<SseEvent> events) {
        Usage[] out = new Usage[2];
        for (SseEvent e : events) {
            for (StreamEvent d : decoder.decode(e)) {
                if (d instanceof StreamEvent.MessageStart s) out[0] = s.usage();
                if (d instanceof StreamEvent.MessageStop s) out[1] = s.usage();
            }
        }
        return out;
    }

    @Test
    void theUsageOfEveryFormatSurvivesSkippingTextOnlyEvents() {
        for (WireFormatId format : WireFormatId.values()) {
            for (boolean withTool : List.of(false, true)) {
                StreamEncoder encoder = WireFormats.of(format).newStreamEncoder();
                List<SseEvent> wire = new ArrayList<>();
                for (StreamEvent e : answer(withTool)) wire.addAll(encoder.encode(e));
                List<SseEvent> kept = wire.stream().filter(e -> !DeltaEvents.onlyText(format, e)).toList();

                assertThat(kept.size()).as("%s skips its deltas", format).isLessThan(wire.size());
                Usage[] all = usages(WireFormats.of(format).newStreamDecoder(), wire);
                Usage[] some = usages(WireFormats.of(format).newStreamDecoder(), kept);
                assertThat(all[1]).as("%s reports a final usage", format).isNotNull();
                assertThat(some[1]).as("%s final usage, tool=%s", format, withTool).isEqualTo(all[1]);
                if (all[0] != null && all[0].inputTokens() > 0) {
                    assertThat(some[0]).as("%s start usage", format).isEqualTo(all[0]);
                }
            }
        }
    }

    @Test
    void theUndecodedFormAnswersAsTheDecodedOneForEveryEventOfEveryFormat() {
        List<StreamEvent> answer = new ArrayList<>(answer(true));
        answer.add(2, new StreamEvent.TextDelta(0, "café 灯台 \"usage\":{ \"error\""));
        for (WireFormatId format : WireFormatId.values()) {
            StreamEncoder encoder = WireFormats.of(format).newStreamEncoder();
            List<SseEvent> wire = new ArrayList<>();
            for (StreamEvent e : answer) wire.addAll(encoder.encode(e));
            wire.add(SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":1},\"finish_reason\":null}"));
            wire.add(SseEvent.data("[DONE]"));
            int textOnly = 0;
            for (SseEvent e : wire) {
                byte[] data = (e.data() + "tail").getBytes(StandardCharsets.UTF_8);
                int length = e.data().getBytes(StandardCharsets.UTF_8).length; // bytes past the length are not the event's
                boolean decoded = DeltaEvents.onlyText(format, e);
                assertThat(DeltaEvents.onlyText(format, e.event(), data, length)).as("%s %s", format, e).isEqualTo(decoded);
                if (decoded) textOnly++;
            }
            assertThat(textOnly).as("%s has text-only events", format).isPositive();
        }
    }

    @Test
    void theUndecodedChatTestFindsEachMarkerAtEveryAlignment() {
        List<String> markers = List.of("\"finish_reason\":null", "\"usage\":{\"total_tokens\":3}", "\"error\"", "\"finish_reason\":\"stop\"");
        for (int pad = 0; pad < 24; pad++) {
            for (String a : markers) {
                for (String b : markers) {
                    String data = "{" + "\"é\"x".repeat(pad % 3) + "x".repeat(pad) + a + ",\"q\":\"\"," + b + "}";
                    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
                    for (int cut : new int[] {bytes.length, bytes.length - 1}) {
                        String prefix = new String(bytes, 0, cut, StandardCharsets.UTF_8);
                        assertThat(DeltaEvents.onlyText(WireFormatId.OPENAI_CHAT, null, bytes, cut)).as(prefix)
                                .isEqualTo(DeltaEvents.onlyText(WireFormatId.OPENAI_CHAT, SseEvent.data(prefix)));
                    }
                }
            }
        }
    }

    @Test
    void errorsAndTheEndAreNeverSkipped() {
        assertThat(DeltaEvents.onlyText(WireFormatId.OPENAI_CHAT, SseEvent.data("[DONE]"))).isFalse();
        assertThat(DeltaEvents.onlyText(WireFormatId.OPENAI_CHAT,
                SseEvent.data("{\"error\":{\"message\":\"x\"},\"finish_reason\":null}"))).isFalse();
        assertThat(DeltaEvents.onlyText(WireFormatId.ANTHROPIC_MESSAGES, SseEvent.of("error", "{}"))).isFalse();
        assertThat(DeltaEvents.onlyText(WireFormatId.ANTHROPIC_MESSAGES, SseEvent.of("message_delta", "{}"))).isFalse();
        assertThat(DeltaEvents.onlyText(WireFormatId.OPENAI_RESPONSES, SseEvent.of("response.completed", "{}"))).isFalse();
    }
}
