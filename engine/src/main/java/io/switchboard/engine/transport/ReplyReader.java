package io.switchboard.engine.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.config.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an upstream HTTP response into a {@link Reply} in the client's format: passed through as bytes
 * when formats match, translated through the codecs otherwise. Error answers always carry their neutral
 * {@link ProviderError} so the route policy can decide on fallback.
 */
final class ReplyReader {
    static final String UPSTREAM_REQUEST_ID = "x-switchboard-upstream-request-id";
    private static final String JSON = "application/json";

    private final WireFormatLookup formats;

    ReplyReader(WireFormatLookup formats) { this.formats = formats; }

    /** Upstream stream recovery (engine.stream); null = streams end when their connection does. */
    volatile StreamRecoveryHook recovery;

    /** Must run on the response's event loop as soon as the headers arrive, before any body chunk. */
    Future<Reply> read(Call call, UpstreamRequest request, ProviderConfig provider, HttpClientResponse response) {
        int status = response.statusCode();
        String contentType = String.valueOf(response.getHeader("content-type")).toLowerCase(Locale.ROOT);
        if (status / 100 == 2 && contentType.startsWith("text/event-stream")) {
            response.pause();
            ByteSource body = new VertxByteSource(response, provider.name());
            if (recovery != null) body = recovery.wrap(call, request, provider, body);
            Map<String, String> headers = forwarded(response, request.translated());
            headers.put("content-type", "text/event-stream; charset=utf-8");
            headers.put("cache-control", "no-cache");
            if (request.translated()) {
                body = new TranslatingByteSource(body, formats.of(request.upstreamFormat()).newStreamDecoder(),
                        formats.of(call.clientFormat()).newStreamEncoder());
            }
            return Future.succeededFuture(new Reply.Streaming(status, headers, body));
        }
        return response.body().map(buffer -> complete(call, request, provider, response, buffer.getBytes()));
    }

    private Reply complete(Call call, UpstreamRequest request, ProviderConfig provider, HttpClientResponse response, byte[] body) {
        int status = response.statusCode();
        Map<String, String> headers = forwarded(response, request.translated());
        if (status / 100 == 2) {
            if (!request.translated()) return new Reply.Complete(status, headers, body, null);
            JsonNode json = EngineJson.parseOrNull(body);
            ChatResponse neutral;
            try {
                if (json == null) throw new IllegalArgumentException("not JSON");
                neutral = formats.of(request.upstreamFormat()).decodeResponse(json);
            } catch (RuntimeException e) {
                throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY,
                        "upstream " + provider.name() + " sent a response that could not be read"), e);
            }
            headers.put("content-type", JSON);
            return new Reply.Complete(status, headers, EngineJson.bytes(formats.of(call.clientFormat()).encodeResponse(neutral)), null);
        }
        WireFormat upstreamFormat = formats.of(request.upstreamFormat() != null ? request.upstreamFormat()
                : WireFormatLookup.nativeFormat(provider.kind()));
        ProviderError error = upstreamFormat.decodeError(status, EngineJson.parseOrNull(body));
        if (error.retryAfter() == null) error = error.withRetryAfter(retryAfter(response));
        if (!request.translated()) return new Reply.Complete(status, headers, body, error);
        WireFormat client = formats.of(call.clientFormat());
        headers.put("content-type", JSON);
        return new Reply.Complete(client.statusFor(error), headers, EngineJson.bytes(client.encodeError(error)), error);
    }

    /** Upstream headers worth keeping: rate-limit state and retry hints, plus content type when passing through. */
    private static Map<String, String> forwarded(HttpClientResponse response, boolean translated) {
        Map<String, String> out = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            boolean retryHint = n.equals("retry-after") || n.equals("retry-after-ms") || n.equals("x-should-retry");
            boolean passThroughOnly = n.equals("content-type") || n.startsWith("x-ratelimit-")
                    || n.startsWith("anthropic-ratelimit-") || n.equals("openai-processing-ms");
            if (retryHint || (!translated && passThroughOnly)) out.put(n, value);
            if (n.equals("x-request-id") || n.equals("request-id")) out.put(UPSTREAM_REQUEST_ID, value);
        });
        return out;
    }

    private static Duration retryAfter(HttpClientResponse response) {
        try {
            String ms = response.getHeader("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms));
            String s = response.getHeader("retry-after");
            if (s != null) return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        } catch (NumberFormatException ignored) {
            // An HTTP-date or garbage: the resilience policies parse the full syntax; here it is only a hint.
        }
        return null;
    }
}
