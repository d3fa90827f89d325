package io.switchboard.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.resilience.ResilienceHttp.Answer;
import io.switchboard.simulator.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A primary that hangs (sends no byte at all) is cut at the tier's first-byte timeout and the secondary
 * serves, streams included; when every target hangs, the request ends at its one deadline, not one timeout
 * per attempt later.
 */
class HangingPrimaryTest {
    static final String CONFIG = """
            providers:
              openai:    { base_url: "${OPENAI}", api_key: sim-key }
              anthropic: { base_url: "${ANTHROPIC}", api_key: sim-key }
            routes:
              chat:
                tier: snappy
                retries: { min_attempt: 100ms }
                targets:
                  - { provider: openai,    model: gpt-4o-mini }
                  - { provider: anthropic, model: claude-haiku-4-5 }
            resilience:
              tiers:
                snappy: { connect: 500ms, first_byte: 400ms, idle: 1s, total: 1500ms }
              targets:
                default:
                  breaker: { enabled: false }
            """;
    static final long FIRST_BYTE_MS = 400, TOTAL_MS = 1_500, MARGIN_MS = 300;

    static ResilienceGateway gw;

    @BeforeAll
    static void start() {
        gw = new ResilienceGateway(CONFIG);
        // Warm both paths (tokenizers, connections, JIT) so the timings below measure timeouts only.
        for (boolean stream : new boolean[] {false, true}) {
            for (String model : new String[] {"gpt-4o-mini", "claude-haiku-4-5"}) {
                ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat(model, stream), "authorization", "Bearer " + ResilienceGateway.KEY);
            }
        }
    }

    @AfterAll
    static void stop() { gw.close(); }

    @AfterEach
    void calm() { gw.simulator.clearScenario(); }

    private static Answer chat(boolean stream, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + ResilienceGateway.KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat("chat", stream), all);
    }

    @Test
    void aSilentPrimaryMeetsTheFirstByteTimeoutAndTheSecondaryServes() {
        gw.simulator.setScenario(Scenario.parse("{\"rules\":[{\"provider\":\"openai\",\"fault\":\"stall_ms:5000\"}]}"));
        for (boolean stream : new boolean[] {false, true, false}) {
            Answer a = chat(stream);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.header("x-switchboard-target")).isEqualTo("anthropic/claude-haiku-4-5");
            assertThat(a.header("x-switchboard-attempts")).isEqualTo("2");
            assertThat(a.millis()).as("waited for the first-byte timeout, not for the stall").isBetween(FIRST_BYTE_MS, FIRST_BYTE_MS + 600);
            if (stream) assertThat(a.body()).contains("data: [DONE]");
        }
    }

    @Test
    void whenEveryTargetHangsTheRequestEndsAtItsDeadline() {
        gw.simulator.setScenario(Scenario.parse("{\"rules\":[{\"fault\":\"stall_ms:5000\"}]}"));
        Answer a = chat(false);
        assertThat(a.status()).isEqualTo(504);
        assertThat(a.header("x-switchboard-attempts")).isEqualTo("2");
        assertThat(a.header("x-should-retry")).as("the gateway already tried twice").isEqualTo("false");
        // Three attempts of 400 ms would fit in 1.5 s; the 1.5 s deadline is shared, so the second attempt ends the request.
        assertThat(a.millis()).isBetween(2 * FIRST_BYTE_MS, TOTAL_MS + MARGIN_MS);
    }

    @Test
    void aClientMayAskForAnotherTierByHeader() {
        gw.simulator.setScenario(Scenario.parse("{\"rules\":[{\"provider\":\"openai\",\"fault\":\"stall_ms:700\"}]}"));
        Answer patient = chat(false, "x-switchboard-tier", "standard");
        assertThat(patient.status()).isEqualTo(200);
        assertThat(patient.header("x-switchboard-target")).as("the standard tier waits out a 700 ms stall").isEqualTo("openai/gpt-4o-mini");

        Answer unknown = chat(false, "x-switchboard-tier", "ludicrous");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText()).contains("unknown timeout tier");
    }
}
