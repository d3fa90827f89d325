package io.switchboard.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP: keys created, used, listed, rotated, revoked; spend reported; master key only. */
class AdminApiTest {
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    @TempDir
    Path dir;
    BillingGateway gw;

    @BeforeEach
    void start() { gw = new BillingGateway(dir); }

    @AfterEach
    void stop() { gw.close(); }

    private Http.Answer admin(String method, String path, String body) {
        return Http.send(method, gw.url(path), body, "authorization", Http.bearer(BillingGateway.MASTER));
    }

    private Http.Answer chat(String key) {
        return Http.send("POST", gw.url("/v1/chat/completions"), CHAT, "authorization", Http.bearer(key));
    }

    @Test
    void aKeyIsCreatedShownOnceUsedListedWithItsSpendRotatedAndRevoked() {
        Http.Answer created = admin("POST", "/admin/keys", "{\"name\": \"team-a\", \"budgets\": [{\"usd\": 25, \"period\": \"day\"}]}");
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().path("id").asText();
        String key = created.json().path("key").asText();
        assertThat(id).startsWith("vk_");
        assertThat(key).startsWith("sk-sb-");

        Http.Answer used = chat(key);
        assertThat(used.status()).isEqualTo(200);
        BigDecimal cost = new BigDecimal(used.header("x-switchboard-cost-usd"));
        assertThat(cost.signum()).isPositive();
        assertThat(new BigDecimal(used.header("x-switchboard-budget-remaining-usd"))).isEqualByComparingTo(new BigDecimal("25").subtract(cost));

        Http.Answer list = admin("GET", "/admin/keys", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key);
        JsonNode listed = list.json().path("data").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.path("name").asText()).isEqualTo("team-a");
        assertThat(listed.path("budgets").get(0).path("period").asText()).isEqualTo("day");
        assertThat(listed.path("budgets").get(0).path("spent_usd").decimalValue()).isEqualByComparingTo(cost);

        Http.Answer rotated = admin("POST", "/admin/keys/" + id + "/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().path("key").asText();
        assertThat(newKey).isNotEqualTo(key).startsWith("sk-sb-");
        assertThat(chat(key).status()).isEqualTo(401);
        assertThat(chat(newKey).status()).isEqualTo(200);

        Http.Answer spend = admin("GET", "/admin/spend?key_id=" + id, null);
        assertThat(spend.status()).isEqualTo(200);
        assertThat(spend.json().path("calls").asInt()).isEqualTo(2);
        assertThat(spend.json().path("by_model").get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(spend.json().path("by_key").get(0).path("key_id").asText()).isEqualTo(id);
        assertThat(spend.json().path("by_day").size()).isEqualTo(1);
        assertThat(spend.json().path("total_usd").decimalValue())
                .isEqualByComparingTo(spend.json().path("by_day").get(0).path("total_usd").decimalValue());

        assertThat(admin("DELETE", "/admin/keys/" + id, null).status()).isEqualTo(200);
        Http.Answer refused = chat(newKey);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain(newKey);
        assertThat(admin("GET", "/admin/keys", null).json().path("data").get(0).path("revoked_at").isTextual()).isTrue();
        assertThat(admin("POST", "/admin/keys/" + id + "/rotate", null).status()).isEqualTo(409);
    }

    @Test
    void spendIsReportedForAllKeysAndGroupedByKey() {
        String a = admin("POST", "/admin/keys", "{\"name\": \"a\"}").json().path("key").asText();
        String b = admin("POST", "/admin/keys", "{\"name\": \"b\"}").json().path("key").asText();
        BigDecimal costA = new BigDecimal(chat(a).header("x-switchboard-cost-usd"));
        BigDecimal costB1 = new BigDecimal(chat(b).header("x-switchboard-cost-usd"));
        BigDecimal costB2 = new BigDecimal(chat(b).header("x-switchboard-cost-usd"));

        JsonNode spend = admin("GET", "/admin/spend", null).json();
        assertThat(spend.path("total_usd").decimalValue()).isEqualByComparingTo(costA.add(costB1).add(costB2));
        assertThat(spend.path("by_key").size()).isEqualTo(2);
        assertThat(spend.path("by_key").get(0).path("calls").asInt()).isEqualTo(2);
    }

    @Test
    void onlyTheMasterKeyMayAdministerKeys() {
        String key = admin("POST", "/admin/keys", "{\"name\": \"x\"}").json().path("key").asText();
        Http.Answer withVirtualKey = Http.send("GET", gw.url("/admin/keys"), null, "authorization", Http.bearer(key));
        assertThat(withVirtualKey.status()).isEqualTo(403);
        assertThat(withVirtualKey.json().path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(Http.send("GET", gw.url("/admin/spend"), null).status()).isEqualTo(401);
        assertThat(Http.send("POST", gw.url("/admin/keys"), "{\"name\":\"y\"}", "authorization", Http.bearer("sk-wrong")).status()).isEqualTo(401);
    }

    @Test
    void badKeyRequestsAre400sThatNameTheField() {
        Http.Answer noName = admin("POST", "/admin/keys", "{\"budgets\": []}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("error").path("param").asText()).isEqualTo("name");
        Http.Answer badPeriod = admin("POST", "/admin/keys", "{\"name\": \"x\", \"budgets\": [{\"usd\": 5, \"period\": \"fortnight\"}]}");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().path("error").path("message").asText()).contains("period");
        assertThat(admin("POST", "/admin/keys", "{\"name\": \"x\", \"budgets\": [{\"usd\": -5, \"period\": \"day\"}]}").status()).isEqualTo(400);
        assertThat(admin("POST", "/admin/keys", "not json").status()).isEqualTo(400);
        // Above one token per nanosecond the bucket library refuses the limit; it must be a 400 here, not a 500 later.
        Http.Answer tooFast = admin("POST", "/admin/keys", "{\"name\": \"x\", \"rate_limits\": {\"tokens_per_minute\": 100000000000}}");
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.json().path("error").path("param").asText()).isEqualTo("rate_limits");
        assertThat(admin("DELETE", "/admin/keys/vk_nope", null).status()).isEqualTo(404);
        assertThat(admin("GET", "/admin/spend?from=yesterday", null).status()).isEqualTo(400);
    }
}
