package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
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
 * Cross-provider translation of complete bodies, bytes in to bytes out, as the gateway does it when an
 * OpenAI SDK client is routed to Anthropic: parse, decode to the neutral model, encode, serialise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TranslationBenchmark {
    private final ObjectMapper json = new ObjectMapper();
    private WireFormat openAiChat;
    private WireFormat anthropic;
    private byte[] openAiRequest;
    private byte[] anthropicResponse;

    @Setup
    public void setUp() {
        openAiChat = WireFormats.of(WireFormatId.OPENAI_CHAT);
        anthropic = WireFormats.of(WireFormatId.ANTHROPIC_MESSAGES);
        openAiRequest = Samples.openAiChatRequest("claude-sonnet-4-5");
        anthropicResponse = Samples.ANTHROPIC_RESPONSE;
    }

    @Benchmark
    public byte[] openAiChatRequestToAnthropic() throws IOException {
        JsonNode body = json.readTree(openAiRequest);
        return json.writeValueAsBytes(anthropic.encodeRequest(openAiChat.decodeRequest(body)));
    }

    @Benchmark
    public byte[] anthropicResponseToOpenAiChat() throws IOException {
        JsonNode body = json.readTree(anthropicResponse);
        return json.writeValueAsBytes(openAiChat.encodeResponse(anthropic.decodeResponse(body)));
    }
}
