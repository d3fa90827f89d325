package io.switchboard.simulator.openai;

import java.util.concurrent.ThreadLocalRandom;

/** Object ids in OpenAI's formats. Ids are random; only generated text is deterministic. */
final class OpenAiIds {
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OpenAiIds() {}

    static String chatCompletion() { return "chatcmpl-" + random(ALNUM, 29); }
    static String response() { return "resp_" + random(HEX, 48); }
    static String message() { return "msg_" + random(HEX, 48); }
    static String functionCall() { return "fc_" + random(HEX, 48); }
    static String callId() { return "call_" + random(ALNUM, 24); }

    private static String random(char[] alphabet, int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = alphabet[r.nextInt(alphabet.length)];
        return new String(out);
    }
}
