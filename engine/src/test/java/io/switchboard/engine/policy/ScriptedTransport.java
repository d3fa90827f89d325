package io.switchboard.engine.policy;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A TRANSPORT policy answering per target from a script, recording every call it receives. */
public final class ScriptedTransport implements Policy {
    private final Map<String, Function<Call, CompletionStage<Reply>>> byTarget = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<CompletableFuture<Reply>> hanging = new ArrayList<>();

    public ScriptedTransport on(String target, Function<Call, CompletionStage<Reply>> answer) {
        byTarget.put(target, answer);
        return this;
    }

    @Override
    public synchronized CompletionStage<Reply> apply(Call call, Chain chain) {
        calls.add(call);
        Function<Call, CompletionStage<Reply>> answer = byTarget.get(call.target().toString());
        if (answer == null) return ok(call);
        return answer.apply(call);
    }

    public synchronized List<Call> calls() { return List.copyOf(calls); }

    public synchronized long callsTo(String target) {
        return calls.stream().filter(c -> c.target().toString().equals(target)).count();
    }

    /** Futures handed out by {@link #hang}; a cancelled one was cut by a timeout. */
    public synchronized List<CompletableFuture<Reply>> hanging() { return List.copyOf(hanging); }

    public static CompletionStage<Reply> ok(Call call) {
        byte[] body = ("{\"model\":\"" + call.target().model() + "\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}")
                .getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.completedFuture(new Reply.Complete(200, Map.of("content-type", "application/json"), body, null));
    }

    public static CompletionStage<Reply> status(int status) {
        return status(status, ErrorKind.fromStatus(status), Map.of());
    }

    public static CompletionStage<Reply> status(int status, ErrorKind kind, Map<String, String> headers) {
        ProviderError e = new ProviderError(kind, status, "scripted " + status, null, null, null);
        return CompletableFuture.completedFuture(new Reply.Complete(status, headers, "{}".getBytes(StandardCharsets.UTF_8), e));
    }

    public static CompletionStage<Reply> failure(ErrorKind kind) {
        return CompletableFuture.failedFuture(new ProviderException(ProviderError.of(kind, "scripted " + kind)));
    }

    /** An exchange that never answers until cancelled. */
    public synchronized CompletionStage<Reply> hang() {
        CompletableFuture<Reply> f = new CompletableFuture<>();
        hanging.add(f);
        return f;
    }

    public static CompletionStage<Reply> streaming(ByteSource body) {
        return CompletableFuture.completedFuture(new Reply.Streaming(200, Map.of("content-type", "text/event-stream"), body));
    }
}
