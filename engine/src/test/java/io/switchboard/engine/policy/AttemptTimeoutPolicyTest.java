package io.switchboard.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** First-byte, idle and total timeouts of one attempt, on a manual clock. */
class AttemptTimeoutPolicyTest {
    private static final String A = "openai/gpt-4o-mini", C = "anthropic/claude-haiku-4-5";
    private static final String CONFIG = """
            routes:
              r:
                tier: t
                retries: { min_attempt: 100ms }
                targets:
                  - { provider: openai,    model: gpt-4o-mini }
                  - { provider: anthropic, model: claude-haiku-4-5 }
            resilience:
              default_tier: t
              tiers:
                t: { connect: 1s, first_byte: 2s, idle: 3s, total: 10s }
              targets:
                default: { breaker: { enabled: false } }
            """;

    @Test
    void aSilentUpstreamIsCutAtTheFirstByteTimeoutAndCancelled() {
        ChainHarness h = new ChainHarness(CONFIG, 1);
        h.transport.on(A, c -> h.transport.hang());
        CompletableFuture<Reply> f = h.start(h.call("gpt-4o-mini"));
        h.time.advance(Duration.ofMillis(1999));
        assertThat(f).isNotDone();
        h.time.advance(Duration.ofMillis(1));
        assertThat(f.join().status()).isEqualTo(504);
        assertThat(h.transport.hanging()).singleElement().satisfies(x -> assertThat(x).isCancelled());
    }

    @Test
    void aStreamThatSendsHeadersButNoFirstChunkCanStillFallBack() {
        ChainHarness h = new ChainHarness(CONFIG, 1);
        PushSource silent = new PushSource();
        h.transport.on(A, c -> ScriptedTransport.streaming(silent));
        CompletableFuture<Reply> f = h.start(h.call("r"));
        assertThat(f).isNotDone();
        h.time.advance(Duration.ofSeconds(2));
        assertThat(f.join().status()).isEqualTo(200);
        assertThat(f.join().headers()).containsEntry("x-switchboard-target", C);
        assertThat(silent.cancelled).isTrue();
    }

    @Test
    void aStreamPastItsFirstChunkIsHandedOnAndCutWhenItGoesIdle() {
        ChainHarness h = new ChainHarness(CONFIG, 1);
        PushSource stream = new PushSource();
        h.transport.on(A, c -> ScriptedTransport.streaming(stream));
        CompletableFuture<Reply> f = h.start(h.call("r"));
        stream.push("data: one\n\n");
        Reply.Streaming reply = (Reply.Streaming) f.join();
        assertThat(reply.headers()).containsEntry("x-switchboard-target", A);

        CollectingSink sink = new CollectingSink();
        reply.body().start(sink);
        assertThat(sink.text).hasToString("data: one\n\n");
        h.time.advance(Duration.ofMillis(2500));
        stream.push("data: two\n\n");
        h.time.advance(Duration.ofMillis(2999));
        assertThat(sink.error).as("silent for 2.999 s of 3").isNull();
        h.time.advance(Duration.ofMillis(1));
        assertThat(sink.error).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().kind()).isEqualTo(ErrorKind.TIMEOUT));
        assertThat(stream.cancelled).isTrue();
        assertThat(sink.text).hasToString("data: one\n\ndata: two\n\n");
    }

    @Test
    void aPausedConsumerIsNotTheUpstreamsSilence() {
        ChainHarness h = new ChainHarness(CONFIG, 1);
        PushSource stream = new PushSource();
        h.transport.on(A, c -> ScriptedTransport.streaming(stream));
        CompletableFuture<Reply> f = h.start(h.call("gpt-4o-mini"));
        stream.push("data: one\n\n");
        Reply.Streaming reply = (Reply.Streaming) f.join();
        CollectingSink sink = new CollectingSink();
        reply.body().start(sink);
        reply.body().pause();
        h.time.advance(Duration.ofSeconds(5));
        assertThat(sink.error).isNull();
        reply.body().resume();
        stream.end();
        assertThat(sink.ended).isTrue();
    }

    @Test
    void aStreamIsCutAtTheRequestDeadline() {
        ChainHarness h = new ChainHarness(CONFIG, 1);
        PushSource stream = new PushSource();
        h.transport.on(A, c -> ScriptedTransport.streaming(stream));
        CompletableFuture<Reply> f = h.start(h.call("gpt-4o-mini"));
        stream.push("data: 0\n\n");
        CollectingSink sink = new CollectingSink();
        ((Reply.Streaming) f.join()).body().start(sink);
        for (int i = 1; i < 12 && sink.error == null; i++) {
            h.time.advance(Duration.ofSeconds(1));
            if (sink.error == null) stream.push("data: " + i + "\n\n");
        }
        assertThat(sink.error).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().message()).contains("deadline"));
        assertThat(sink.text.toString()).contains("data: 9").doesNotContain("data: 10");
        assertThat(stream.cancelled).isTrue();
    }
}
