package io.switchboard.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spend recorded, gateway and engine stopped, a new one started on the same data directory: the key still
 * works, its spend is still counted, and its exhausted budget is still enforced.
 */
class RestartTest {
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

    @TempDir
    Path dir;

    @Test
    void aBudgetUsedUpBeforeARestartIsStillUsedUpAfterIt() {
        String key;
        String id;
        BigDecimal spent = BigDecimal.ZERO;
        int served = 0;
        try (BillingGateway gw = new BillingGateway(dir)) {
            JsonNode created = Http.send("POST", gw.url("/admin/keys"),
                    "{\"name\":\"small\",\"budgets\":[{\"usd\":0.0002,\"period\":\"month\"}]}",
                    "authorization", Http.bearer(BillingGateway.MASTER)).json();
            key = created.path("key").asText();
            id = created.path("id").asText();
            Http.Answer a;
            while ((a = Http.send("POST", gw.url("/v1/chat/completions"), CHAT, "authorization", Http.bearer(key))).status() == 200) {
                spent = spent.add(new BigDecimal(a.header("x-switchboard-cost-usd")));
                served++;
            }
            assertThat(a.status()).isEqualTo(429);
        }
        assertThat(served).isPositive();

        try (BillingGateway gw = new BillingGateway(dir)) {
            Http.Answer after = Http.send("POST", gw.url("/v1/chat/completions"), CHAT, "authorization", Http.bearer(key));
            assertThat(after.status()).as("the key authenticates, and its budget is still spent").isEqualTo(429);
            assertThat(after.json().path("error").path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(gw.server.simulator().stats().total()).isZero();

            JsonNode spend = Http.send("GET", gw.url("/admin/spend?key_id=" + id), null, "authorization", Http.bearer(BillingGateway.MASTER)).json();
            assertThat(spend.path("total_usd").decimalValue()).isEqualByComparingTo(spent);
            assertThat(spend.path("calls").asInt()).isEqualTo(served);
        }
    }
}
