package io.switchboard.bench.load;

import java.io.IOException;

/**
 * One plain and one streamed request to each target before any load, so a misrouted proxy fails the run at once
 * with its answer instead of producing a table of errors. Returns the stream's data events, which must match
 * between targets (the same answer travelled through each).
 */
final class SanityCheck {
    private SanityCheck() {}

    static int run(Target target, String plainBody, String streamBody) throws IOException, InterruptedException {
        LocalHttp.Answer plain = LocalHttp.post(target.port(), "/v1/chat/completions", target.headers(), plainBody);
        if (plain.status() != 200) throw failed(target, "plain", plain);
        LocalHttp.Answer stream = LocalHttp.post(target.port(), "/v1/chat/completions", target.headers(), streamBody);
        if (stream.status() != 200) throw failed(target, "streamed", stream);
        SseWatcher sse = new SseWatcher();
        byte[] bytes = stream.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sse.feed(bytes, 0, bytes.length);
        if (!sse.sawDone()) throw failed(target, "streamed (no [DONE])", stream);
        return sse.dataEvents();
    }

    private static IllegalStateException failed(Target t, String what, LocalHttp.Answer a) {
        String body = a.body().length() > 600 ? a.body().substring(0, 600) + "..." : a.body();
        return new IllegalStateException("sanity check: a " + what + " request to " + t.label() + " got HTTP " + a.status() + ": " + body);
    }
}
