package io.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP/1.1 client for the gateway tests: what any non-SDK client would send. */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) { return headers.firstValue(name).orElse(null); }

        /** The {@code data:} payloads of an SSE body, in order. */
        List<String> dataLines() {
            List<String> out = new ArrayList<>();
            for (String line : body.split("\n")) if (line.startsWith("data: ")) out.add(line.substring(6));
            return out;
        }

        /** The {@code event:} names of an SSE body, in order. */
        List<String> eventNames() {
            List<String> out = new ArrayList<>();
            for (String line : body.split("\n")) if (line.startsWith("event: ")) out.add(line.substring(7));
            return out;
        }
    }

    private TestHttp() {}

    static Answer post(String url, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    static Answer post(String url, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    static Answer get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    private static Answer send(HttpRequest.Builder request, String... headers) {
        request.timeout(Duration.ofSeconds(20)).header("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Text of an OpenAI Chat SSE stream: the concatenated {@code delta.content}. */
    static String chatStreamText(Answer a) {
        StringBuilder sb = new StringBuilder();
        for (String data : a.dataLines()) {
            if (data.equals("[DONE]")) continue;
            JsonNode chunk = parse(data);
            for (JsonNode choice : chunk.path("choices")) sb.append(choice.path("delta").path("content").asText(""));
        }
        return sb.toString();
    }

    /** Text of an Anthropic SSE stream: the concatenated {@code text_delta}s. */
    static String messagesStreamText(Answer a) {
        StringBuilder sb = new StringBuilder();
        for (String data : a.dataLines()) {
            JsonNode event = parse(data);
            if (event.path("delta").path("type").asText().equals("text_delta")) sb.append(event.path("delta").path("text").asText());
        }
        return sb.toString();
    }

    /** Text of an OpenAI Responses SSE stream: the concatenated {@code response.output_text.delta}s. */
    static String responsesStreamText(Answer a) {
        StringBuilder sb = new StringBuilder();
        for (String data : a.dataLines()) {
            JsonNode event = parse(data);
            if (event.path("type").asText().equals("response.output_text.delta")) sb.append(event.path("delta").asText());
        }
        return sb.toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
