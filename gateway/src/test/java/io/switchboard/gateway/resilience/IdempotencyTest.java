package io.switchboard.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.resilience.ResilienceHttp.Answer;
import io.switchboard.simulator.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key}: at most one upstream call per key, whether the duplicates arrive while the first
 * runs (they wait and share its answer) or after (they get the stored answer); streams replay too; a key
 * reused with another body is a 422 in the client's error shape.
 */
class IdempotencyTest {
    static final String CONFIG = """
            providers:
              openai:    { base_url: "${OPENAI}", api_key: sim-key }
              anthropic: { base_url: "${ANTHROPIC}", api_key: sim-key }
            """;
    /** Each upstream answer takes 400 ms, so duplicates sent together find the first one still running. */
    static final Scenario SLOW = Scenario.parse("{\"rules\":[{\"fault\":\"stall_ms:400\"}]}");

    static ResilienceGateway gw;

    @BeforeAll
    static void start() {
        gw = new ResilienceGateway(CONFIG);
        gw.simulator.setScenario(SLOW);
    }

    @AfterAll
    static void stop() { gw.close(); }

    @BeforeEach
    void reset() { gw.simulator.resetStats(); }

    private static CompletableFuture<Answer> send(String key, String body, String... extra) {
        List<String> headers = new ArrayList<>(List.of("authorization", "Bearer " + ResilienceGateway.KEY, "idempotency-key", key));
        headers.addAll(List.of(extra));
        return ResilienceHttp.postAsync(gw.chatUrl(), body, headers.toArray(String[]::new));
    }

    @Test
    void fiftyConcurrentDuplicatesMakeExactlyOneUpstreamCall() {
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Answer>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) sent.add(send(key, ResilienceHttp.chat("gpt-4o-mini", false)));
        List<Answer> answers = sent.stream().map(CompletableFuture::join).toList();

        assertThat(gw.simulator.stats().total()).as("upstream calls").isEqualTo(1);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers.stream().map(Answer::body).distinct()).as("one shared answer").hasSize(1);
        assertThat(answers.stream().filter(a -> "true".equals(a.header("idempotent-replayed")))).hasSize(49);

        Answer later = send(key, ResilienceHttp.chat("gpt-4o-mini", false)).join();
        assertThat(later.body()).isEqualTo(answers.getFirst().body());
        assertThat(later.header("idempotent-replayed")).isEqualTo("true");
        assertThat(gw.simulator.stats().total()).as("a duplicate after completion is served from the store").isEqualTo(1);
    }

    @Test
    void streamedAnswersAreReplayedWhole() {
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Answer>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) sent.add(send(key, ResilienceHttp.chat("claude-haiku-4-5", true)));
        List<Answer> answers = sent.stream().map(CompletableFuture::join).toList();
        Answer later = send(key, ResilienceHttp.chat("claude-haiku-4-5", true)).join();

        assertThat(gw.simulator.stats().total()).isEqualTo(1);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("content-type")).startsWith("text/event-stream");
            assertThat(a.body()).endsWith("data: [DONE]\n\n").isEqualTo(answers.getFirst().body());
        });
        assertThat(later.body()).isEqualTo(answers.getFirst().body());
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422InTheClientsShape() {
        String key = UUID.randomUUID().toString();
        assertThat(send(key, ResilienceHttp.chat("gpt-4o-mini", false)).join().status()).isEqualTo(200);

        Answer openAi = send(key, ResilienceHttp.chat("gpt-4o", false)).join();
        assertThat(openAi.status()).isEqualTo(422);
        assertThat(openAi.json().at("/error/code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(openAi.json().at("/error/message").asText()).contains("same request body");

        String anthropicBody = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        assertThat(ResilienceHttp.post(gw.messagesUrl(), anthropicBody, "x-api-key", ResilienceGateway.KEY, "idempotency-key", key + "-a")
                .status()).isEqualTo(200);
        Answer anthropic = ResilienceHttp.post(gw.messagesUrl(), anthropicBody.replace("Hi", "Hello"),
                "x-api-key", ResilienceGateway.KEY, "idempotency-key", key + "-a");
        assertThat(anthropic.status()).isEqualTo(422);
        assertThat(anthropic.json().path("type").asText()).isEqualTo("error");
        assertThat(anthropic.json().at("/error/type").asText()).isNotBlank();
        assertThat(gw.simulator.stats().total()).isEqualTo(2);
    }

    @Test
    void aTransientFailureIsNotStoredSoARetryWithTheSameKeyRunsAgain() {
        String key = UUID.randomUUID().toString();
        Answer failed = send(key, ResilienceHttp.chat("gpt-4o-mini", false), "x-sim-fault", "status:503").join();
        assertThat(failed.status()).isEqualTo(503);
        Answer retried = send(key, ResilienceHttp.chat("gpt-4o-mini", false)).join();
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("idempotent-replayed")).isNull();
        assertThat(gw.simulator.stats().total()).isEqualTo(2);
    }
}
