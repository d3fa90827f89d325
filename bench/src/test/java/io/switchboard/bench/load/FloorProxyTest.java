package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.LatencyModel;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The floor proxy must carry the benchmark's calls exactly as the simulator answers them, or its figures mean nothing. */
class FloorProxyTest {
    private static final String KEY = "sk-floor-test";
    private static ProviderSimulator sim;
    private static FloorProxy floor;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).requiredApiKey(KEY).build());
        floor = FloorProxy.start(0, sim.port(), 2);
    }

    @AfterAll
    static void stop() {
        if (floor != null) floor.close();
        if (sim != null) sim.close();
    }

    @Test
    void aPlainAnswerComesBackWithTheSimulatorsStatusTypeAndContent() throws Exception {
        String body = ChatBody.json("gpt-4o-mini", "Say something short.", 5, false);
        HttpResponse<String> direct = post(sim.port(), body, KEY);
        HttpResponse<String> proxied = post(floor.port(), body, KEY);
        assertThat(proxied.statusCode()).isEqualTo(200).isEqualTo(direct.statusCode());
        assertThat(proxied.headers().firstValue("content-type")).isEqualTo(direct.headers().firstValue("content-type"));
        // The simulator's text is deterministic for a prompt; ids and timestamps are not compared.
        assertThat(field(proxied.body(), "\"content\":")).isEqualTo(field(direct.body(), "\"content\":")).isNotEmpty();
        assertThat(proxied.headers().firstValueAsLong("content-length")).hasValue(proxied.body().length());
    }

    @Test
    void aStreamArrivesWholeWithEveryEventAndTheEnd() throws Exception {
        String body = ChatBody.json("gpt-4o-mini", "Say something short.", 7, true);
        HttpResponse<String> direct = post(sim.port(), body, KEY);
        HttpResponse<String> proxied = post(floor.port(), body, KEY);
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(dataEvents(proxied.body())).isEqualTo(dataEvents(direct.body())).isGreaterThan(7);
        assertThat(proxied.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void theUpstreamsErrorIsPassedOnAsItCame() throws Exception {
        String body = ChatBody.json("gpt-4o-mini", "hello", 5, false);
        HttpResponse<String> direct = post(sim.port(), body, "sk-wrong");
        HttpResponse<String> proxied = post(floor.port(), body, "sk-wrong");
        assertThat(proxied.statusCode()).isEqualTo(401).isEqualTo(direct.statusCode());
        assertThat(proxied.body()).isEqualTo(direct.body());
    }

    @Test
    void clientsThatHangUpMidStreamLeaveNoExceptionBehind() throws Exception {
        // A chunk already on its way when the client resets met a closed response: with pipeTo, Vert.x threw.
        ProviderSimulator slowSim = ProviderSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).requiredApiKey(KEY)
                .latency(new LatencyModel(Duration.ZERO, 2_000)).build());
        FloorProxy slowFloor = FloorProxy.start(0, slowSim.port(), 2);
        try {
            String body = ChatBody.json("gpt-4o-mini", "Tell me a long story.", 400, true);
            for (int i = 0; i < 40; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slowFloor.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json").header("authorization", "Bearer " + KEY)
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    assertThat(in.readNBytes(64)).hasSize(64); // then hang up mid-stream
                }
            }
            // The answers would last 0.2 s each at 2,000 tokens/s; give the resets and the last chunks time to pass.
            Thread.sleep(500);
            assertThat(slowFloor.unhandledExceptions()).isZero();
            assertThat(post(slowFloor.port(), ChatBody.json("gpt-4o-mini", "Say something short.", 5, false), KEY).statusCode())
                    .as("still serving").isEqualTo(200);
        } finally {
            slowFloor.close();
            slowSim.close();
        }
    }

    private static HttpResponse<String> post(int port, String body, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long dataEvents(String sse) {
        return Arrays.stream(sse.split("\n")).filter(l -> l.startsWith("data: ")).count();
    }

    private static String field(String json, String name) {
        int at = json.indexOf(name);
        if (at < 0) return "";
        int start = json.indexOf('"', at + name.length()) + 1;
        return json.substring(start, json.indexOf('"', start));
    }
}
