package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scenarios set over the control API ({@code /sim/scenario}) and their effect as counted by {@code /sim/stats}. */
class ScenarioControlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private static ProviderSimulator sim;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().clock(CLOCK).randomSeed(1234).build());
        http = new SimHttp(sim.port());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        assertThat(http.send("DELETE", "/sim/scenario", null).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/sim/stats", null).statusCode()).isEqualTo(200);
    }

    private static JsonNode stats() throws Exception {
        return JSON.readTree(http.send("GET", "/sim/stats", null).body());
    }

    @Test
    void scenarioAppliesUntilClearedAndStatsCountByStatus() throws Exception {
        HttpResponse<String> set = http.send("POST", "/sim/scenario",
                "{\"rules\":[{\"provider\":\"openai\",\"model\":\"gpt-4o*\",\"fault\":\"status:503\"}]}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(503);
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(503);
        assertThat(http.openAi("/v1/chat/completions", CHAT.replace("gpt-4o", "gpt-5")).statusCode()).isEqualTo(200);
        http.send("DELETE", "/sim/scenario", null);
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);

        JsonNode stats = stats();
        assertThat(stats.path("total").asLong()).isEqualTo(4);
        assertThat(stats.path("by_status").path("503").asLong()).isEqualTo(2);
        assertThat(stats.path("by_status").path("200").asLong()).isEqualTo(2);
        assertThat(stats.path("by_path").path("/v1/chat/completions").asLong()).isEqualTo(4);
        assertThat(stats.path("by_model").path("gpt-4o").asLong()).isEqualTo(3);
        assertThat(sim.stats().status(503)).isEqualTo(2);
    }

    @Test
    void yamlScenarioWithResetIsCountedAsReset() throws Exception {
        assertThat(http.send("POST", "/sim/scenario", "rules:\n  - fault: reset\n    model: gpt-5\n").statusCode()).isEqualTo(200);
        RawHttp.Result dropped = RawHttp.post(sim.port(), "/v1/chat/completions", java.util.Map.of("authorization", "Bearer k"),
                CHAT.replace("gpt-4o", "gpt-5"));
        assertThat(dropped.bytes()).isZero();
        assertThat(stats().path("by_status").path("reset").asLong()).isEqualTo(1);
    }

    @Test
    void halfRateHitsAboutHalfOfTheRequests() throws Exception {
        http.send("POST", "/sim/scenario", "{\"rules\":[{\"fault\":\"status:429\",\"rate\":0.5,\"retry_after_ms\":20}]}");
        int limited = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = http.openAi("/v1/chat/completions", CHAT);
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("retry-after-ms")).contains("20");
            }
        }
        assertThat(limited).isBetween(70, 130);
        assertThat(stats().path("by_status").path("429").asLong()).isEqualTo(limited);
    }

    @Test
    void ruleDurationRunsOnTheInjectedClock() {
        http.send("POST", "/sim/scenario", "{\"rules\":[{\"fault\":\"status:500\",\"duration_s\":30}]}");
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(500);
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void badScenarioIsA400NamingTheProblem() throws Exception {
        HttpResponse<String> r = http.send("POST", "/sim/scenario", "{\"rules\":[{\"fault\":\"status:7\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains("rules[0]").contains("4xx/5xx");
        assertThat(http.send("GET", "/sim/nothing", null).statusCode()).isEqualTo(404);
        assertThat(http.openAi("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }
}
