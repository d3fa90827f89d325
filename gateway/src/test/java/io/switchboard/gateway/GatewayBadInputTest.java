package io.switchboard.gateway;

import static io.switchboard.gateway.TestHttp.get;
import static io.switchboard.gateway.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.TestHttp.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every client API: the right status, the error shape of the API the client speaks, a request
 * id, no echo of the key, and a server that keeps serving.
 */
class GatewayBadInputTest {
    static final String KEY = "sk-gw-test";
    static final long MAX_BODY = 64 * 1024;
    static GatewayServer gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey(KEY).maxBodyBytes(MAX_BODY).instances(1).build());
    }

    @AfterAll
    static void stop() { gateway.close(); }

    /** The API a client speaks: path, a valid body, how it presents its key, and its error shape. */
    enum Api {
        CHAT("/v1/chat/completions", """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", false),
        RESPONSES("/v1/responses", """
                {"model":"gpt-4o-mini","input":"hi"}""", false),
        EMBEDDINGS("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":"hi"}""", false),
        MESSAGES("/v1/messages", """
                {"model":"claude-haiku-4-5","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""", true);

        final String path, valid;
        final boolean anthropic;

        Api(String path, String valid, boolean anthropic) {
            this.path = path;
            this.valid = valid;
            this.anthropic = anthropic;
        }

        Answer send(String body, String key) {
            return post(gateway.baseUrl() + path, body, keyHeader(key));
        }

        String[] keyHeader(String key) {
            return anthropic ? new String[] {"x-api-key", key, "anthropic-version", "2023-06-01"}
                    : new String[] {"authorization", "Bearer " + key};
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Api api : Api.values()) {
            out.add(Arguments.of(api, "malformed JSON", "{\"model\": \"gpt-4o-mini\", ", 400, null));
            out.add(Arguments.of(api, "not an object", "[1,2,3]", 400, null));
            out.add(Arguments.of(api, "empty body", "", 400, null));
            out.add(Arguments.of(api, "trailing garbage", api.valid + " xyz", 400, null));
            out.add(Arguments.of(api, "missing model", api.valid.replaceFirst("\"model\":\"[^\"]+\",", ""), 400, "model"));
            out.add(Arguments.of(api, "model is a number", api.valid.replaceFirst("\"model\":\"[^\"]+\"", "\"model\":42"), 400, "model"));
            out.add(Arguments.of(api, "stream is a string", api.valid.replaceFirst("\\{", "{\"stream\":\"yes\","), 400, "stream"));
            out.add(Arguments.of(api, "unknown model", api.valid.replaceFirst("\"model\":\"[^\"]+\"", "\"model\":\"llama-9\""), 404, "model"));
        }
        out.add(Arguments.of(Api.CHAT, "messages is a string", Api.CHAT.valid.replaceFirst("\\[.*]", "\"hi\""), 400, "messages"));
        out.add(Arguments.of(Api.MESSAGES, "messages missing", Api.MESSAGES.valid.replaceFirst(",\"messages\":\\[.*]", ""), 400, "messages"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void badBodiesAreRefusedInTheClientsShape(Api api, String what, String body, int status, String param) {
        Answer a = api.send(body, KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertErrorShape(api.anthropic, a);
        if (param != null && !api.anthropic) assertThat(a.json().at("/error/param").asText()).isEqualTo(param);
        if (status == 404 && !api.anthropic) assertThat(a.json().at("/error/code").asText()).isEqualTo("model_not_found");
        if (status == 404 && api.anthropic) assertThat(a.json().at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void wrongOrMissingKeysAre401AndNeverEchoed(Api api) {
        Answer wrong = api.send(api.valid, "sk-wrong-key-123");
        assertThat(wrong.status()).isEqualTo(401);
        assertErrorShape(api.anthropic, wrong);
        assertThat(wrong.body()).doesNotContain("sk-wrong-key-123", KEY);
        if (!api.anthropic) assertThat(wrong.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        else assertThat(wrong.json().at("/error/type").asText()).isEqualTo("authentication_error");

        Answer missing = post(gateway.baseUrl() + api.path, api.valid);
        assertThat(missing.status()).isEqualTo(401);
        assertErrorShape(api.anthropic, missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void oversizedBodiesAre413WhetherDeclaredOrChunked(Api api) throws Exception {
        String huge = api.valid.replace("\"hi\"", "\"" + "x".repeat((int) MAX_BODY) + "\"");
        Answer declared = api.send(huge, KEY);
        assertThat(declared.status()).isEqualTo(413);
        assertErrorShape(api.anthropic, declared);

        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + api.path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())));
        String[] key = api.keyHeader(KEY);
        for (int i = 0; i < key.length; i += 2) chunked.header(key[i], key[i + 1]);
        HttpResponse<String> r;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            r = client.send(chunked.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The gateway may close the connection while the client is still uploading: also a refusal.
            return;
        }
        assertThat(r.statusCode()).isEqualTo(413);
    }

    static Stream<Api> apis() { return Stream.of(Api.values()); }

    @Test
    void unknownPathsAre404AndHealthNeedsNoKey() {
        Answer unknown = post(gateway.baseUrl() + "/v1/completions", "{}", "authorization", "Bearer " + KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertErrorShape(false, unknown);
        Answer wrongMethod = get(gateway.baseUrl() + "/v1/messages", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertErrorShape(true, wrongMethod);

        assertThat(get(gateway.baseUrl() + "/healthz").json().get("status").asText()).isEqualTo("ok");
        Answer ready = get(gateway.baseUrl() + "/readyz");
        assertThat(ready.status()).isEqualTo(200);
    }

    /** After every refusal the server still answers health checks and real requests. */
    @AfterEach
    void serverStaysUp() {
        assertThat(get(gateway.baseUrl() + "/healthz").status()).isEqualTo(200);
        assertThat(Api.CHAT.send(Api.CHAT.valid, KEY).status()).isEqualTo(200);
        assertThat(Api.MESSAGES.send(Api.MESSAGES.valid, KEY).status()).isEqualTo(200);
    }

    static void assertErrorShape(boolean anthropic, Answer a) {
        JsonNode body = a.json();
        if (anthropic) {
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isNotBlank();
            assertThat(body.at("/error/message").asText()).isNotBlank();
            assertThat(a.header("request-id")).startsWith("req_");
        } else {
            assertThat(body.get("error")).isNotNull();
            assertThat(body.get("error").has("message") && body.get("error").has("type")
                    && body.get("error").has("param") && body.get("error").has("code")).as(a.body()).isTrue();
            assertThat(a.header("x-request-id")).startsWith("req_");
        }
    }
}
