package io.switchboard.gateway.sdk;

import io.switchboard.simulator.SimulatorConfig;
import io.switchboard.simulator.TextGenerator;
import io.switchboard.simulator.TokenCounter;
import java.util.List;

/**
 * What the in-process simulator answers, worked out with its own generator: its text is a pure function of
 * model, prompt and seed, and both simulated APIs build the prompt the same way (system text, then each
 * message's text). So a test can demand the exact text and token counts, whichever API served the request.
 */
final class SimulatedReply {
    /** Above any reply the generator writes (20..120 tokens), so nothing is truncated. */
    private static final int NO_LIMIT = 4096;
    private static final TextGenerator GENERATOR = new TextGenerator(SimulatorConfig.defaults().seed());

    private SimulatedReply() {}

    /** The prompt text a single-turn request with an optional system text becomes. */
    static String prompt(String system, String userText) {
        return TextGenerator.promptOf(system, List.of(userText));
    }

    /** The reply text to one user message. */
    static String text(String model, String userText) {
        return text(model, null, userText);
    }

    /** The reply text to a system text plus one user message. */
    static String text(String model, String system, String userText) {
        return GENERATOR.generate(model, prompt(system, userText), "", NO_LIMIT).text();
    }

    /** Tokens the simulator bills for {@code text} on {@code model}. */
    static long tokens(String model, String text) {
        return TokenCounter.count(model, text);
    }
}
