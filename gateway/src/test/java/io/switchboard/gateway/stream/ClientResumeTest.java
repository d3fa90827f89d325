package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.wire.SseEvent;
import io.switchboard.engine.stream.StreamResumeService;
import io.switchboard.engine.stream.StreamsConfig;
import io.switchboard.simulator.LatencyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client-side resume over real HTTP: ids on every event, the stream id header, and the two resume endpoints. */
class ClientResumeTest {
    static final String CHAT = """
            {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Tell me about rivers"}]}""";
    static final String MESSAGES = """
            {"model":"claude-haiku-4-5","max_tokens":1024,"stream":true,"messages":[{"role":"user","content":"Tell me about bridges"}]}""";
    static final String RESPONSES = """
            {"model":"gpt-4.1-mini","stream":true,"input":"Tell me about gardens"}""";

    static StreamFixture fixture;
    static StreamFixture slow;

    @BeforeAll
    static void start() {
        fixture = new StreamFixture();
        // 200 tokens/s: a stream lasts long enough to hang up in the middle and come back to a live tail.
        slow = new StreamFixture(new LatencyModel(Duration.ofMillis(20), 200), 5_000, StreamsConfig.DEFAULTS, null);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        slow.close();
    }

    @Test
    void everyEventCarriesItsIndexAsIdAndTheReplyNamesTheStream() {
        SseClient.Result r = SseClient.post(fixture.baseUrl() + "/v1/chat/completions", CHAT, -1, "authorization", "Bearer " + StreamFixture.ALICE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header(StreamResumeService.STREAM_ID_HEADER)).matches("str_[0-9a-f]{32}");
        assertThat(r.events()).hasSizeGreaterThan(5).last().extracting(SseEvent::data).isEqualTo("[DONE]");
        assertThat(r.events().stream().map(SseEvent::id).toList())
                .containsExactlyElementsOf(IntStream.range(0, r.events().size()).mapToObj(Integer::toString).toList());
        assertThat(r.body()).startsWith("id: 0\n");
    }

    @Test
    void resumingAfterAnEventGivesExactlyTheRestInTheSameFormat() {
        for (String[] call : List.of(new String[] {"/v1/chat/completions", CHAT}, new String[] {"/v1/messages", MESSAGES},
                new String[] {"/v1/responses", RESPONSES})) {
            SseClient.Result whole = SseClient.post(fixture.baseUrl() + call[0], call[1], -1, "authorization", "Bearer " + StreamFixture.ALICE,
                    "anthropic-version", "2023-06-01");
            String streamId = whole.header(StreamResumeService.STREAM_ID_HEADER);
            int n = whole.events().size();
            for (int last : new int[] {0, n / 2, n - 2, n - 1}) {
                SseClient.Result rest = SseClient.get(fixture.baseUrl() + "/v1/streams/" + streamId,
                        "authorization", "Bearer " + StreamFixture.ALICE, "last-event-id", Integer.toString(last));
                assertThat(rest.status()).isEqualTo(200);
                assertThat(rest.cleanEnd()).isTrue();
                assertThat(rest.events()).as(call[0] + " after " + last).containsExactlyElementsOf(whole.events().subList(last + 1, n));
            }
            SseClient.Result all = SseClient.get(fixture.baseUrl() + "/v1/streams/" + streamId, "authorization", "Bearer " + StreamFixture.ALICE);
            assertThat(all.events()).containsExactlyElementsOf(whole.events());
        }
    }

    @Test
    void onlyTheKeyThatOpenedAStreamMayResumeIt() {
        SseClient.Result whole = SseClient.post(fixture.baseUrl() + "/v1/chat/completions", CHAT, -1, "authorization", "Bearer " + StreamFixture.ALICE);
        String url = fixture.baseUrl() + "/v1/streams/" + whole.header(StreamResumeService.STREAM_ID_HEADER);

        SseClient.Result bob = SseClient.get(url, "authorization", "Bearer " + StreamFixture.BOB, "last-event-id", "1");
        assertThat(bob.status()).isEqualTo(404);
        assertThat(bob.body()).contains("stream_not_found").doesNotContain("data:");
        assertThat(SseClient.get(url, "authorization", "Bearer sk-nobody").status()).isEqualTo(401);
        assertThat(SseClient.get(fixture.baseUrl() + "/v1/streams/str_unknown", "authorization", "Bearer " + StreamFixture.ALICE).status())
                .isEqualTo(404);
        assertThat(SseClient.get(url, "authorization", "Bearer " + StreamFixture.ALICE, "last-event-id", "nope").status()).isEqualTo(400);
    }

    @Test
    void responsesStreamsResumeWithStartingAfterAsOpenAiDefinesIt() {
        SseClient.Result whole = SseClient.post(fixture.baseUrl() + "/v1/responses", RESPONSES, -1, "authorization", "Bearer " + StreamFixture.ALICE);
        String responseId = SseClient.json(whole.events().getFirst().data()).path("response").path("id").asText();
        assertThat(responseId).startsWith("resp_");
        // The gateway asked for background mode to be able to resume upstream; the client sees what it asked for.
        assertThat(SseClient.json(whole.events().getFirst().data()).path("response").path("background").asBoolean(true)).isFalse();
        int n = whole.events().size();
        for (int after : new int[] {0, 3, n - 2}) {
            SseClient.Result rest = SseClient.get(fixture.baseUrl() + "/v1/responses/" + responseId + "?stream=true&starting_after=" + after,
                    "authorization", "Bearer " + StreamFixture.ALICE);
            assertThat(rest.status()).isEqualTo(200);
            assertThat(rest.events()).extracting(e -> SseClient.json(e.data()).path("sequence_number").asLong())
                    .containsExactlyElementsOf(IntStream.range(after + 1, n).mapToObj(Long::valueOf).toList());
            assertThat(rest.events()).containsExactlyElementsOf(whole.events().subList(after + 1, n));
        }
        assertThat(SseClient.get(fixture.baseUrl() + "/v1/responses/" + responseId + "?stream=true&starting_after=1",
                "authorization", "Bearer " + StreamFixture.BOB).status()).isEqualTo(404);
    }

    @Test
    void aClientThatHangsUpMidStreamResumesIntoTheLiveTail() {
        SseClient.Result clean = SseClient.post(slow.baseUrl() + "/v1/messages", MESSAGES, -1, "x-api-key", StreamFixture.ALICE,
                "anthropic-version", "2023-06-01");
        String expected = SseClient.text(clean.events());

        SseClient.Result first = SseClient.post(slow.baseUrl() + "/v1/messages", MESSAGES, 6, "x-api-key", StreamFixture.ALICE,
                "anthropic-version", "2023-06-01");
        assertThat(first.cleanEnd()).isFalse();
        assertThat(first.events()).hasSize(6);
        SseClient.Result rest = SseClient.get(slow.baseUrl() + "/v1/streams/" + first.header(StreamResumeService.STREAM_ID_HEADER),
                "x-api-key", StreamFixture.ALICE, "anthropic-version", "2023-06-01", "last-event-id", first.lastId());
        assertThat(rest.cleanEnd()).isTrue();
        List<SseEvent> joined = new ArrayList<>(first.events());
        joined.addAll(rest.events());
        assertThat(joined).extracting(SseEvent::id)
                .containsExactlyElementsOf(IntStream.range(0, joined.size()).mapToObj(Integer::toString).toList());
        assertThat(SseClient.text(joined)).isEqualTo(expected);
        assertThat(joined.getLast().event()).isEqualTo("message_stop");
    }
}
