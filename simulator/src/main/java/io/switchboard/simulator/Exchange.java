package io.switchboard.simulator;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One provider request in flight: who it is for, what it asked, and the response being written. Writes the
 * headers every answer carries (request id, processing time, rate limits) and records the request in the stats
 * exactly once, by the status it got or {@code reset} when it was dropped.
 */
final class Exchange {
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    final HttpServerRequest request;
    final HttpServerResponse response;
    final Provider provider;
    final String requestId;
    private final SimulatorState state;
    private final long startNanos;
    /** The stats key: the route pattern, or the raw path for unknown routes. */
    String pathKey;
    String model;
    RateLimitState limits;
    private boolean recorded;

    Exchange(HttpServerRequest request, Provider provider, SimulatorState state) {
        this.request = request;
        this.response = request.response();
        this.provider = provider;
        this.state = state;
        this.startNanos = state.ticker.getAsLong();
        this.requestId = "req_" + randomId(24);
        this.pathKey = request.path();
    }

    /** Sets status and headers (the provider's standard set, then {@code extra}) and counts the request. */
    void head(int status, String contentType, Map<String, String> extra) {
        response.setStatusCode(status);
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        RateLimitState rl = limits != null ? limits : state.limiter.nominal();
        if (provider == Provider.OPENAI) {
            headers.put("x-request-id", requestId);
            headers.put("openai-processing-ms", Long.toString((state.ticker.getAsLong() - startNanos) / 1_000_000));
            headers.put("openai-version", "2020-10-01");
            headers.put("openai-organization", "org-simulator");
            RateLimitHeaders.openAi(rl, headers);
        } else {
            headers.put("request-id", requestId);
            headers.put("anthropic-organization-id", "00000000-0000-4000-8000-000000000000");
            RateLimitHeaders.anthropic(rl, headers);
        }
        headers.putAll(extra);
        headers.forEach(response::putHeader);
        record(Integer.toString(status));
    }

    /** True once the client is gone or the answer is complete; nothing more may be written. */
    boolean gone() { return response.closed() || response.ended(); }

    /** Drops the request without an answer (counted as {@code reset}). */
    void drop() {
        record("reset");
        abort();
    }

    /** Ends the exchange abruptly: HTTP/2 resets the stream, HTTP/1.x closes the connection. */
    void abort() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            request.connection().close();
        }
    }

    private void record(String status) {
        if (recorded) return;
        recorded = true;
        state.stats.record(pathKey, model, status);
    }

    private static String randomId(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALNUM[r.nextInt(ALNUM.length)];
        return new String(out);
    }
}
