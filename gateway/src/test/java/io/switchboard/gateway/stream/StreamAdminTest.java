package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/streams}: how many streams broke and were recovered, how long it took, what was deduplicated. */
class StreamAdminTest {
    private static final String KEY = "sk-gw-admin";

    @Test
    void recoveriesAreCountedAndTimedForTheMasterKeyOnly() {
        try (GatewayServer gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey(KEY).instances(1).build())) {
            String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":512,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}";
            for (int cut : new int[] {4, 8}) {
                SseClient.Result r = SseClient.post(gateway.baseUrl() + "/v1/messages", body, -1, "x-api-key", KEY,
                        "anthropic-version", "2023-06-01", "x-sim-fault", "cut_after:" + cut);
                assertThat(r.cleanEnd()).isTrue();
            }
            SseClient.Result stats = SseClient.get(gateway.baseUrl() + "/admin/streams", "authorization", "Bearer " + KEY);
            assertThat(stats.status()).isEqualTo(200);
            JsonNode json = SseClient.json(stats.body());
            assertThat(json.at("/recovery/breaks").asLong()).isEqualTo(2);
            assertThat(json.at("/recovery/recovered").asLong()).isEqualTo(2);
            assertThat(json.at("/recovery/failed").asLong()).isZero();
            assertThat(json.at("/recovery/deduplicated_bytes").asLong()).isPositive();
            assertThat(json.at("/recovery/recovery_ms/p99").asDouble()).isPositive();
            assertThat(json.at("/journal/streams").asInt()).isEqualTo(2);
            assertThat(json.at("/journal/retained_bytes").asLong()).isPositive();
        }
        try (StreamFixture fixture = new StreamFixture()) {
            assertThat(SseClient.get(fixture.baseUrl() + "/admin/streams", "authorization", "Bearer " + StreamFixture.ALICE).status())
                    .isEqualTo(403);
        }
    }
}
