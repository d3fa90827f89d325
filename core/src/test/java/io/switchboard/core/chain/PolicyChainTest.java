package io.switchboard.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.wire.WireFormatId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PolicyChainTest {
    private final Call call = Call.builder().clientFormat(WireFormatId.OPENAI_CHAT).requestId("req_1").model("m").build();

    private static Policy recording(List<String> log, String name) {
        return (c, chain) -> {
            log.add(name);
            return chain.proceed(c);
        };
    }

    private static Policy transport(List<String> log) {
        return (c, chain) -> {
            log.add("transport:" + (c.target() == null ? "-" : c.target()));
            return CompletableFuture.completedFuture(
                    new Reply.Complete(200, Map.of(), "ok".getBytes(StandardCharsets.UTF_8), null));
        };
    }

    @Test
    void runsPoliciesInStageOrderWhateverTheOrderTheyWereAddedIn() {
        List<String> log = new ArrayList<>();
        PolicyChain chain = PolicyChain.builder()
                .add(Stage.TRANSPORT, transport(log))
                .add(Stage.RETRY, recording(log, "retry"))
                .add(Stage.ROUTE, recording(log, "route"))
                .add(Stage.AUTH, recording(log, "auth"))
                .add(Stage.BREAKER, recording(log, "breaker"))
                .add(Stage.BUDGET, recording(log, "budget"))
                .add(Stage.TIMEOUT, recording(log, "timeout"))
                .add(Stage.RATE_LIMIT, recording(log, "rate"))
                .build();

        Reply reply = chain.execute(call).toCompletableFuture().join();

        assertThat(log).containsExactly("auth", "budget", "rate", "route", "breaker", "retry", "timeout", "transport:-");
        assertThat(chain.stages()).containsExactly(Stage.values());
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void policiesOfOneStageRunInInsertionOrderAndReplaceDropsThem() {
        List<String> log = new ArrayList<>();
        PolicyChain.Builder builder = PolicyChain.builder()
                .add(Stage.TRANSPORT, transport(log))
                .add(Stage.BUDGET, recording(log, "b1"))
                .add(Stage.BUDGET, recording(log, "b2"));
        builder.build().execute(call).toCompletableFuture().join();
        assertThat(log).containsExactly("b1", "b2", "transport:-");

        log.clear();
        builder.replace(Stage.BUDGET, recording(log, "b3")).build().execute(call).toCompletableFuture().join();
        assertThat(log).containsExactly("b3", "transport:-");
    }

    @Test
    void aPolicyMayProceedSeveralTimesWithDifferentCalls() {
        List<String> log = new ArrayList<>();
        Policy twoTargets = (c, chain) -> chain.proceed(c.withTarget(new Target("openai", "a")))
                .thenCompose(r -> chain.proceed(c.withTarget(new Target("anthropic", "b"))));
        PolicyChain.builder().add(Stage.ROUTE, twoTargets).add(Stage.TRANSPORT, transport(log)).build()
                .execute(call).toCompletableFuture().join();
        assertThat(log).containsExactly("transport:openai/a", "transport:anthropic/b");
    }

    @Test
    void nextStageTellsAPolicyWhatFollowsIt() {
        List<Stage> seen = new ArrayList<>();
        PolicyChain.builder()
                .add(Stage.ROUTE, (c, chain) -> { seen.add(chain.nextStage()); return chain.proceed(c); })
                .add(Stage.TRANSPORT, (c, chain) -> { seen.add(chain.nextStage()); return transport(new ArrayList<>()).apply(c, chain); })
                .build().execute(call).toCompletableFuture().join();
        assertThat(seen).containsExactly(Stage.TRANSPORT, null);
    }

    @Test
    void aTransportThatProceedsOrAPolicyThatThrowsFailsTheStageInsteadOfThrowing() {
        PolicyChain proceeding = PolicyChain.builder().add(Stage.TRANSPORT, (c, chain) -> chain.proceed(c)).build();
        assertThatThrownBy(() -> proceeding.execute(call).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);

        PolicyChain throwing = PolicyChain.builder()
                .add(Stage.AUTH, (c, chain) -> { throw new IllegalArgumentException("boom"); })
                .add(Stage.TRANSPORT, transport(new ArrayList<>())).build();
        assertThatThrownBy(() -> throwing.execute(call).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("boom");
    }

    @Test
    void aChainWithoutExactlyOneTransportIsRejected() {
        assertThatThrownBy(() -> PolicyChain.builder().add(Stage.ROUTE, recording(new ArrayList<>(), "r")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TRANSPORT");
        assertThatThrownBy(() -> PolicyChain.builder().add(Stage.TRANSPORT, transport(new ArrayList<>()))
                .add(Stage.TRANSPORT, transport(new ArrayList<>())).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void callAndReplyHeaderNamesAreLowerCased() {
        Call c = call.toBuilder().headers(Map.of("Anthropic-Version", "2023-06-01")).build();
        assertThat(c.header("ANTHROPIC-VERSION")).isEqualTo("2023-06-01");
        Reply r = new Reply.Complete(200, Map.of("Content-Type", "application/json"), new byte[0], null)
                .withHeader("X-Switchboard-Attempts", "2");
        assertThat(r.headers()).containsEntry("content-type", "application/json").containsEntry("x-switchboard-attempts", "2");
    }
}
