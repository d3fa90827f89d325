package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.BudgetStatus;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.simulator.ProviderSimulator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An engine with cost control over a temporary data directory, in front of a running simulator. */
final class BillingHarness implements AutoCloseable {
    final Billing billing;
    final Switchboard engine;

    BillingHarness(ProviderSimulator sim, BillingConfig config, Path dataDir, Clock clock) {
        this.billing = Billing.open(config, dataDir, clock);
        GatewayConfig gateway = GatewayConfig.withSimulator(sim.openAiBaseUrl(), sim.anthropicBaseUrl()).toBuilder()
                .billing(config).build();
        this.engine = Switchboard.builder().config(gateway).billing(billing).build();
    }

    /** An OpenAI Chat body asking for at most {@code maxTokens}. */
    static ObjectNode chatBody(String model, int maxTokens, boolean stream) {
        ObjectNode body = EngineJson.MAPPER.createObjectNode().put("model", model).put("max_tokens", maxTokens);
        body.putArray("messages").addObject().put("role", "user").put("content", "Describe a lighthouse at dusk.");
        if (stream) body.put("stream", true);
        return body;
    }

    Reply send(WireFormatId format, ObjectNode body, String keyId, Map<String, String> headers) {
        Call call = engine.newCall(format).body(body, EngineJson.bytes(body)).model(body.get("model").asText())
                .stream(body.path("stream").asBoolean(false)).keyId(keyId).headers(headers).build();
        return engine.handle(call).toCompletableFuture().join();
    }

    Reply chat(ObjectNode body, String keyId, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
        return send(WireFormatId.OPENAI_CHAT, body, keyId, h);
    }

    /** Reads a stream to its end (or until {@code stopAfterChunks} chunks, then cancels as a client going away would). */
    static String drain(Reply reply, int stopAfterChunks) {
        ByteSource source = ((Reply.Streaming) reply).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] chunks = {0};
        source.start(new ByteSource.Sink() {
            @Override
            public void onData(byte[] chunk) {
                synchronized (out) {
                    out.writeBytes(chunk);
                }
                if (++chunks[0] == stopAfterChunks) {
                    source.cancel();
                    done.complete(null);
                }
            }

            @Override
            public void onEnd() { done.complete(null); }

            @Override
            public void onError(Throwable failure) { done.complete(null); }
        });
        done.orTimeout(20, TimeUnit.SECONDS).join();
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(Reply reply) { return EngineJson.parseOrNull(((Reply.Complete) reply).body()); }

    List<SpendRecord> ledger() {
        billing.flush().join();
        return billing.ledger().records(null, Instant.EPOCH, Instant.MAX);
    }

    Money held(BudgetScope scope) {
        return billing.book().status(scope).stream().map(BudgetStatus::held).reduce(Money.ZERO, Money::plus);
    }

    Money spent(BudgetScope scope) {
        return billing.book().status(scope).stream().map(BudgetStatus::spent).reduce(Money.ZERO, Money::max);
    }

    @Override
    public void close() {
        engine.close();
        billing.close();
    }
}
