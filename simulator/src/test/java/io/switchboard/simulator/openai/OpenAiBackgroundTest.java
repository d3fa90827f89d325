package io.switchboard.simulator.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.SimError;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.TextGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Background responses: status follows release, readers get backlog then live events, retention by the clock. */
class OpenAiBackgroundTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2025-05-05T00:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final MovableClock clock = new MovableClock();
    private final OpenAiWire wire = new OpenAiWire(new TextGenerator(2), clock);

    private BackgroundResponse start() throws Exception {
        return wire.startBackground(JSON.readTree("{\"model\":\"gpt-4.1\",\"background\":true,\"input\":\"hello\"}"));
    }

    private static String status(BackgroundResponse r) throws Exception {
        return JSON.readTree(r.json()).path("status").asText();
    }

    @Test
    void statusFollowsReleaseAndReadersGetBacklogThenLiveEvents() throws Exception {
        BackgroundResponse r = start();
        int total = r.frames().size();
        assertThat(status(r)).isEqualTo("queued");
        r.releaseUpTo(5);
        assertThat(status(r)).isEqualTo("in_progress");
        List<Integer> seen = new ArrayList<>();
        boolean[] ended = {false};
        r.subscribe(2, new BackgroundResponse.Listener() {
            @Override public void frame(SimReply.Frame frame) {
                try {
                    String data = frame.text().substring(frame.text().indexOf("data: ") + 6).trim();
                    seen.add(JSON.readTree(data).path("sequence_number").asInt());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            @Override public void end() { ended[0] = true; }
        });
        assertThat(seen).containsExactly(3, 4);
        r.releaseUpTo(total);
        assertThat(ended[0]).isTrue();
        assertThat(seen).hasSize(total - 3).last().isEqualTo(total - 1);
        assertThat(status(r)).isEqualTo("completed");
        assertThat(r.cancel()).isFalse();
    }

    @Test
    void cancelEndsReadersAndIsReported() throws Exception {
        BackgroundResponse r = start();
        r.releaseUpTo(3);
        boolean[] ended = {false};
        r.subscribe(-1, new BackgroundResponse.Listener() {
            @Override public void frame(SimReply.Frame frame) {}
            @Override public void end() { ended[0] = true; }
        });
        JsonAssert.status(wire.cancelResponse(r.id()), "cancelled");
        assertThat(ended[0]).isTrue();
        r.releaseUpTo(r.frames().size());
        assertThat(status(r)).isEqualTo("cancelled");
    }

    @Test
    void keptForTenMinutesByTheClock() throws Exception {
        BackgroundResponse r = start();
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        JsonAssert.status(wire.retrieveResponse(r.id()), "queued");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> wire.retrieveResponse(r.id()))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private static final class JsonAssert {
        static void status(SimReply reply, String expected) throws Exception {
            assertThat(JSON.readTree(((SimReply.Json) reply).body()).path("status").asText()).isEqualTo(expected);
        }
    }
}
