package io.switchboard.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP/1.1 SSE client for the stream tests: reads events (ids included), and can hang up after N of them. */
final class SseClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What one request got: the events read, and whether the server ended the stream (not us, not a reset). */
    record Result(int status, HttpHeaders headers, List<SseEvent> events, String body, boolean cleanEnd) {
        String header(String name) { return headers.firstValue(name).orElse(null); }

        String lastId() { return events.isEmpty() ? null : events.getLast().id(); }
    }

    private SseClient() {}

    static Result post(String url, String body, int hangUpAfter, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json"), hangUpAfter, headers);
    }

    static Result get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), -1, headers);
    }

    /** @param hangUpAfter close the connection after this many events; -1 reads to the end */
    static Result send(HttpRequest.Builder request, int hangUpAfter, String... headers) {
        request.timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<SseEvent> events = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        SseParser parser = new SseParser(events::add);
        boolean clean = false;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            while (hangUpAfter < 0 || events.size() < hangUpAfter) {
                int n = in.read(buffer);
                if (n < 0) {
                    clean = true;
                    break;
                }
                raw.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                parser.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            clean = false; // reset by the server: a truncated stream
        }
        List<SseEvent> kept = hangUpAfter < 0 ? events : List.copyOf(events.subList(0, Math.min(events.size(), hangUpAfter)));
        return new Result(response.statusCode(), response.headers(), kept, raw.toString(), clean);
    }

    static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + data, e);
        }
    }

    /** The answer text carried by {@code events}, whatever the format. */
    static String text(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            if (e.data() == null || e.data().equals("[DONE]") || !e.data().startsWith("{")) continue;
            JsonNode d = json(e.data());
            String type = d.path("type").asText("");
            if (type.equals("content_block_delta")) sb.append(d.path("delta").path("text").asText(""));
            else if (type.equals("response.output_text.delta")) sb.append(d.path("delta").asText(""));
            else if (d.has("choices") && d.path("choices").size() > 0) sb.append(d.path("choices").get(0).path("delta").path("content").asText(""));
        }
        return sb.toString();
    }
}
