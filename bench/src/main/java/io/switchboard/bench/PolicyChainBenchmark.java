package io.switchboard.bench;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.PolicyChain;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Stage;
import io.switchboard.core.wire.WireFormatId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The overhead of the {@link PolicyChain} mechanism alone: six pass-through policies, one per stage above
 * the timeout, and a transport that answers an already completed {@link Reply.Complete}. Whatever a real
 * policy costs comes on top of this.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyChainBenchmark {
    private static final Stage[] PASS_THROUGH_STAGES =
        {Stage.AUTH, Stage.BUDGET, Stage.RATE_LIMIT, Stage.ROUTE, Stage.BREAKER, Stage.RETRY};

    private PolicyChain chain;
    private Call call;

    @Setup
    public void setUp() {
        Reply reply = new Reply.Complete(200, Map.of("content-type", "application/json"),
                "{\"id\":\"chatcmpl-1\"}".getBytes(StandardCharsets.UTF_8), null);
        CompletionStage<Reply> answered = CompletableFuture.completedFuture(reply);
        Policy passThrough = (c, next) -> next.proceed(c);
        PolicyChain.Builder builder = PolicyChain.builder();
        for (Stage stage : PASS_THROUGH_STAGES) builder.add(stage, passThrough);
        chain = builder.add(Stage.TRANSPORT, (c, next) -> answered).build();
        call = Call.builder().clientFormat(WireFormatId.OPENAI_CHAT).model("gpt-4o").keyId("key-1")
                .requestId("req-1").build();
        if (execute() != reply) throw new IllegalStateException("the chain did not return the transport's reply");
    }

    @Benchmark
    public Reply sixPoliciesAndTransport() { return execute(); }

    private Reply execute() { return chain.execute(call).toCompletableFuture().getNow(null); }
}
