package io.switchboard.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.billing.Billing;
import io.switchboard.engine.billing.BillingConfig;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage and cost of a recovered stream are accounted once: the ledger (issue 4's billing, metering the stream
 * the client receives) holds one record per request, with the usage and cost of a clean run, not the sum of
 * the attempts the gateway made upstream.
 */
class RecoveredStreamBillingTest {
    private static final String KEY = "sk-gw-billing";

    @TempDir
    Path dataDir;

    static List<org.junit.jupiter.params.provider.Arguments> calls() { return UpstreamRecoveryTest.calls(); }

    @ParameterizedTest(name = "{2}")
    @MethodSource("calls")
    void aRecoveredStreamIsBilledOnceForTheWholeAnswer(String path, String body, String label) {
        try (Billing billing = Billing.open(BillingConfig.DEFAULTS, dataDir, Clock.systemUTC());
             GatewayServer gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey(KEY).instances(1).build(),
                     SimulatorConfig.builder().port(0).instances(1).build(), b -> b.billing(billing))) {
            Instant from = Instant.now().minusSeconds(1);
            SseClient.Result clean = post(gateway, path, body);
            SseClient.Result cut = post(gateway, path, body, "x-sim-fault", "cut_after:6");
            assertThat(SseClient.text(cut.events())).isEqualTo(SseClient.text(clean.events()));
            billing.flush().join();

            List<SpendRecord> records = billing.ledger().records("master", from, Instant.now().plusSeconds(1));
            assertThat(records).as(label).hasSize(2);
            SpendRecord cleanRecord = records.getFirst(), recovered = records.getLast();
            assertThat(recovered.usage()).as(label).isEqualTo(cleanRecord.usage());
            assertThat(recovered.cost()).as(label).isEqualTo(cleanRecord.cost());
            assertThat(recovered.usage().outputTokens()).isPositive();
        }
    }

    private static SseClient.Result post(GatewayServer gateway, String path, String body, String... extra) {
        String[] headers = new String[6 + extra.length];
        System.arraycopy(new String[] {"authorization", "Bearer " + KEY, "x-api-key", KEY, "anthropic-version", "2023-06-01"}, 0, headers, 0, 6);
        System.arraycopy(extra, 0, headers, 6, extra.length);
        SseClient.Result r = SseClient.post(gateway.baseUrl() + path, body, -1, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.cleanEnd()).isTrue();
        return r;
    }

    @Test
    void theUsageTheClientSeesIsTheWholeAnswersOnce() {
        // The ledger test above compares with a clean run; this pins the Anthropic rewrite to the simulator's own count.
        try (StreamFixture fixture = new StreamFixture()) {
            String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}";
            SseClient.Result clean = SseClient.post(fixture.baseUrl() + "/v1/messages", body, -1, "x-api-key", StreamFixture.ALICE,
                    "anthropic-version", "2023-06-01");
            SseClient.Result cut = SseClient.post(fixture.baseUrl() + "/v1/messages", body, -1, "x-api-key", StreamFixture.ALICE,
                    "anthropic-version", "2023-06-01", "x-sim-fault", "cut_after:5");
            assertThat(UpstreamRecoveryTest.usage(cut.events())).isEqualTo(UpstreamRecoveryTest.usage(clean.events()));
            assertThat(cut.events().stream().filter(e -> "message_delta".equals(e.event())).count()).isEqualTo(1);
            assertThat(cut.events().stream().filter(e -> "message_start".equals(e.event())).count()).isEqualTo(1);
        }
    }
}
