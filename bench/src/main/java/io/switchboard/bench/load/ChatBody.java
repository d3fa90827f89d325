package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The measured request: an OpenAI Chat Completions body of a chosen size whose answer is exactly {@code chunks}
 * tokens long (the simulator streams one content event per token, and {@code max_tokens} cuts the answer
 * there). Streams ask for the usage chunk, as Switchboard does upstream anyway, so direct and proxied runs
 * make the simulator do the same work.
 */
final class ChatBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILLER = " Please keep the answer short; this sentence only pads the request to the size the benchmark wants.";

    private ChatBody() {}

    /** The JSON body. */
    static String json(String model, String prompt, int maxTokens, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", maxTokens);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    /**
     * A prompt that makes a body of about {@code bodyBytes} (with a short model name, not streamed). The nonce
     * changes the text, and so the simulator's answer, when an answer turns out shorter than wanted.
     */
    static String prompt(int bodyBytes, int nonce) {
        StringBuilder prompt = new StringBuilder("Benchmark request " + nonce + ": describe a quiet river in a few sentences.");
        int wrapper = json("gpt-4o-mini", "", 1000, false).getBytes(StandardCharsets.UTF_8).length;
        int want = Math.max(prompt.length(), bodyBytes - wrapper);
        while (prompt.length() < want) prompt.append(FILLER);
        prompt.setLength(want);
        return prompt.toString();
    }
}
