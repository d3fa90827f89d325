package io.switchboard.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.gateway.resilience.ResilienceHttp.Answer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/routes}: the master key sees breakers and error budgets; anyone else gets a 403. */
class RoutesAdminTest {
    static final String CONFIG = """
            providers:
              openai:    { base_url: "${OPENAI}", api_key: sim-key }
              anthropic: { base_url: "${ANTHROPIC}", api_key: sim-key }
            routes:
              chat:
                tier: interactive
                slo: { availability: 0.99, short_window: 1m, long_window: 10m, min_events: 1 }
                targets:
                  - { provider: openai,    model: gpt-4o-mini }
                  - { provider: anthropic, model: claude-haiku-4-5 }
            resilience:
              targets:
                default: { max_concurrent: 8, rate_limit: { requests_per_minute: 600 } }
            """;

    @Test
    void theMasterKeySeesRoutesTargetsAndBudgetsOthersAreRefused() {
        try (ResilienceGateway gw = new ResilienceGateway(CONFIG);
             GatewayServer team = GatewayServer.start(gw.engine, GatewayOptions.builder().instances(1)
                     .authenticator(key -> Optional.of("team-a")).build())) {
            Answer failedOver = ResilienceHttp.post(gw.chatUrl(), ResilienceHttp.chat("chat", false),
                    "authorization", "Bearer " + ResilienceGateway.KEY, "x-sim-fault", "status:503");
            assertThat(failedOver.status()).isEqualTo(200);

            Answer report = ResilienceHttp.get(gw.gateway.baseUrl() + RoutesAdmin.PATH, "authorization", "Bearer " + ResilienceGateway.KEY);
            assertThat(report.status()).isEqualTo(200);
            JsonNode json = report.json();
            assertThat(json.at("/routes/chat/tier").asText()).isEqualTo("interactive");
            assertThat(json.at("/routes/chat/fallback_on").size()).isEqualTo(9);
            assertThat(json.at("/routes/chat/error_budget/availability_objective").asDouble()).isEqualTo(0.99);
            assertThat(json.at("/routes/chat/error_budget/posture").asText()).isEqualTo("NORMAL");
            assertThat(json.at("/routes/chat/error_budget/burn_rate_short").asDouble()).isZero();
            JsonNode primary = json.at("/targets/openai~1gpt-4o-mini");
            assertThat(primary.path("breaker").asText()).isEqualTo("CLOSED");
            assertThat(primary.path("max_concurrent").asInt()).isEqualTo(8);
            assertThat(primary.path("in_flight").asInt()).isZero();
            assertThat(primary.path("requests_available").asLong()).as("refills at 10 per second").isBetween(590L, 600L);
            assertThat(json.at("/targets/anthropic~1claude-haiku-4-5/breaker").asText()).isEqualTo("CLOSED");

            Answer refused = ResilienceHttp.get(team.baseUrl() + RoutesAdmin.PATH, "authorization", "Bearer anything");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().at("/error/message").asText()).contains("master key");
        }
    }
}
