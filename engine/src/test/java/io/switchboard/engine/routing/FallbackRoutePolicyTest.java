package io.switchboard.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.PolicyChain;
import io.switchboard.core.chain.Relay;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Stage;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FallbackRoutePolicyTest {
    private final GatewayConfig config = GatewayConfig.withSimulator("http://sim/v1", "http://sim");
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Call> sent = new ArrayList<>();

    private PolicyChain chain(Function<Call, Object> upstream) {
        return PolicyChain.builder()
                .add(Stage.ROUTE, new FallbackRoutePolicy(new ModelRouter(config), now::get))
                .add(Stage.TRANSPORT, (call, next) -> {
                    sent.add(call);
                    Object outcome = upstream.apply(call);
                    return outcome instanceof Throwable t ? CompletableFuture.failedFuture(t)
                            : CompletableFuture.completedFuture((Reply) outcome);
                }).build();
    }

    private static Reply ok() { return new Reply.Complete(200, Map.of(), "{}".getBytes(), null); }

    private static Reply error(ErrorKind kind) {
        return new Reply.Complete(kind.defaultStatus(), Map.of(), "{}".getBytes(), ProviderError.of(kind, "x"));
    }

    private Call call(String model) {
        return Call.builder().clientFormat(WireFormatId.OPENAI_CHAT).requestId("r").model(model)
                .headers(Map.of("x-sim-fault", "status:503", "anthropic-beta", "b")).deadlineNanos(10_000).build();
    }

    @Test
    void theFirstTargetServesWhenItSucceeds() {
        Reply reply = chain(c -> ok()).execute(call("default")).toCompletableFuture().join();
        assertThat(sent).extracting(c -> c.target().toString()).containsExactly("openai/gpt-4o-mini");
        assertThat(reply.headers()).containsEntry("x-switchboard-target", "openai/gpt-4o-mini")
                .containsEntry("x-switchboard-attempts", "1");
    }

    @Test
    void aRetryableErrorFallsBackToTheNextTargetWithoutSimulatorFaultHeaders() {
        Reply reply = chain(c -> c.target().provider().equals("openai") ? error(ErrorKind.UNAVAILABLE) : ok())
                .execute(call("default")).toCompletableFuture().join();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("x-switchboard-target", "anthropic/claude-haiku-4-5")
                .containsEntry("x-switchboard-attempts", "2");
        assertThat(sent.get(0).headers()).containsKey("x-sim-fault");
        assertThat(sent.get(1).headers()).doesNotContainKey("x-sim-fault").containsKey("anthropic-beta");
    }

    @Test
    void connectionFailuresFallBackToo() {
        Reply reply = chain(c -> c.target().provider().equals("openai")
                ? new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "refused")) : ok())
                .execute(call("default")).toCompletableFuture().join();
        assertThat(reply.headers()).containsEntry("x-switchboard-attempts", "2");
    }

    @Test
    void aClientErrorIsAnsweredAsIsWithoutFallback() {
        Reply reply = chain(c -> error(ErrorKind.INVALID_REQUEST)).execute(call("default")).toCompletableFuture().join();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(sent).hasSize(1);
        assertThat(reply.headers()).containsEntry("x-switchboard-attempts", "1");
    }

    @Test
    void theLastTargetsFailureIsReturnedWhenAllFail() {
        Reply reply = chain(c -> error(ErrorKind.OVERLOADED)).execute(call("default")).toCompletableFuture().join();
        assertThat(sent).hasSize(2);
        assertThat(reply.status()).isEqualTo(529);

        sent.clear();
        ProviderException refused = new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "refused"));
        assertThatThrownBy(() -> chain(c -> refused).execute(call("default")).toCompletableFuture().join())
                .hasCause(refused);
        assertThat(sent).hasSize(2);
    }

    @Test
    void noFallbackOnceTheDeadlinePassed() {
        Reply reply = chain(c -> {
            now.set(20_000);
            return error(ErrorKind.UNAVAILABLE);
        }).execute(call("default")).toCompletableFuture().join();
        assertThat(sent).hasSize(1);
        assertThat(reply.status()).isEqualTo(503);
    }

    @Test
    void unknownModelsFailBeforeAnyUpstreamCall() {
        assertThatThrownBy(() -> chain(c -> ok()).execute(call("nope")).toCompletableFuture().join())
                .hasCauseInstanceOf(ProviderException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void relaysGoToAProviderOfTheirKind() {
        Call relay = Call.builder().clientFormat(WireFormatId.OPENAI_RESPONSES).requestId("r")
                .relay(new Relay("openai", "GET", "/v1/responses/resp_1")).build();
        chain(c -> ok()).execute(relay).toCompletableFuture().join();
        Call count = Call.builder().clientFormat(WireFormatId.ANTHROPIC_MESSAGES).requestId("r").model("default")
                .relay(new Relay("anthropic", "POST", "/v1/messages/count_tokens")).build();
        chain(c -> ok()).execute(count).toCompletableFuture().join();
        assertThat(sent).extracting(c -> c.target().toString()).containsExactly("openai/", "anthropic/claude-haiku-4-5");
    }
}
