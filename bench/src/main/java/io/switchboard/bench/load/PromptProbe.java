package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * Finds a prompt of a given body size whose simulated answer has at least {@code chunks} tokens, so that
 * {@code max_tokens = chunks} gives streams of exactly that many content events. The simulator's answer length
 * is a function of the prompt (20 to about 120 tokens), so a few prompts may have to be tried.
 */
final class PromptProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptProbe() {}

    static String find(int simPort, int bodyBytes, int chunks) throws IOException, InterruptedException {
        for (int nonce = 0; nonce < 200; nonce++) {
            String prompt = ChatBody.prompt(bodyBytes, nonce);
            LocalHttp.Answer a = LocalHttp.post(simPort, "/v1/chat/completions", Map.of("Authorization", "Bearer " + BenchServers.SIM_KEY),
                    ChatBody.json(BenchServers.DIRECT_MODEL, prompt, chunks, false));
            if (a.status() != 200) throw new IllegalStateException("the simulator answered HTTP " + a.status() + ": " + a.body());
            if (JSON.readTree(a.body()).path("usage").path("completion_tokens").asInt() == chunks) return prompt;
        }
        throw new IllegalStateException("no prompt gives an answer of " + chunks + " tokens; use a smaller --chunks");
    }
}
