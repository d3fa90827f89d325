package io.switchboard.gateway.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP/1.1 calls to the gateway, as curl or any non-SDK client would make them. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer; {@code status} is -1 when the client gave up (timeout) or hung up on purpose. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() { return parse(body); }

        String header(String name) { return headers == null ? null : headers.firstValue(name).orElse(null); }
    }

    private Http() {}

    static Answer send(String method, String url, String body, String... headers) {
        return send(method, url, body, Duration.ofSeconds(30), headers);
    }

    static Answer send(String method, String url, String body, Duration timeout, String... headers) {
        HttpRequest.Builder r = request(method, url, body, timeout, headers);
        try {
            HttpResponse<String> response = CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            return new Answer(-1, null, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the first {@code bytes} bytes of the answer, then hangs up: a client that goes away mid-stream. */
    static Answer sendAndHangUp(String url, String body, int bytes, String... headers) {
        try {
            HttpResponse<InputStream> response = CLIENT.send(request("POST", url, body, Duration.ofSeconds(30), headers).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] got = response.statusCode() == 200 ? in.readNBytes(bytes) : in.readAllBytes();
                return new Answer(response.statusCode() == 200 ? -1 : response.statusCode(), response.headers(),
                        new String(got, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stream answer to its end; a stream the gateway breaks off (reset) keeps what arrived before. */
    static Answer stream(String url, String body, String... headers) {
        try {
            HttpResponse<InputStream> response = CLIENT.send(request("POST", url, body, Duration.ofSeconds(30), headers).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
            } catch (IOException truncated) {
                // the stream was cut: keep what arrived
            }
            return new Answer(response.statusCode(), response.headers(), got.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String method, String url, String body, Duration timeout, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) r.header("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) r.header(headers[i], headers[i + 1]);
        return r;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    static String bearer(String key) { return "Bearer " + key; }
}
