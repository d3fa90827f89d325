package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.cost.CostEstimator;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.PriceCatalog;
import io.switchboard.providers.WireFormats;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The budget reservation's up-front estimate of a typical 1 KB chat request for {@code gpt-4o}: tokenizing
 * the prompt with the model's tokenizer and pricing it from the bundled catalog. Measured both on the
 * neutral request (translated calls) and on the raw JSON tree (pass-through calls), and the untokenized
 * upper bound the budget gate holds instead while far from every limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenEstimateBenchmark {
    private CostEstimator estimator;
    private ChatRequest request;
    private JsonNode body;
    private int bodyBytes;

    @Setup
    public void setUp() throws IOException {
        estimator = new CostEstimator(PriceCatalog.bundled());
        byte[] raw = Samples.openAiChatRequest("gpt-4o");
        body = new ObjectMapper().readTree(raw);
        bodyBytes = raw.length;
        request = WireFormats.of(WireFormatId.OPENAI_CHAT).decodeRequest(body);
        // Load the tokenizer now so the first iteration does not pay for it.
        estimator.estimate(request);
    }

    @Benchmark
    public Estimate estimateNeutralRequest() { return estimator.estimate(request); }

    @Benchmark
    public Estimate estimateRawJson() { return estimator.estimateJson(null, body); }

    @Benchmark
    public Estimate boundRawJson() { return estimator.boundJson(null, body, bodyBytes); }
}
