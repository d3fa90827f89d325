package io.switchboard.engine.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads and writes the {@code virtual_key} table. Blocking JDBC; no caching, no secrets in plain form. */
final class VirtualKeyTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row: the key plus its hash, which never leaves this package. */
    record Row(VirtualKey key, byte[] secretHash) {}

    private final SqliteDatabase db;

    VirtualKeyTable(SqliteDatabase db) { this.db = db; }

    void insert(VirtualKey key, byte[] hash) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO virtual_key (id, name, team, secret_hash, lookup_tag, budgets_json, max_cost_picousd,
                      allowed_models_json, allowed_routes_json, requests_per_minute, tokens_per_minute, created_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                KeySpec s = key.spec();
                ps.setString(1, key.id());
                ps.setString(2, s.name());
                ps.setString(3, s.team());
                ps.setBytes(4, hash);
                ps.setString(5, KeySecrets.tag(hash));
                ps.setString(6, budgetsJson(s));
                if (s.maxCostPerRequest() == null) ps.setNull(7, Types.INTEGER);
                else ps.setLong(7, s.maxCostPerRequest().toPicos());
                ps.setString(8, stringsJson(s.allowedModels()));
                ps.setString(9, stringsJson(s.allowedRoutes()));
                ps.setLong(10, s.rateLimits().requestsPerMinute());
                ps.setLong(11, s.rateLimits().tokensPerMinute());
                ps.setLong(12, key.createdAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Replaces the secret hash of a key that is not revoked. Returns false if there is no such key. */
    boolean replaceSecret(String id, byte[] hash, Instant at) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE virtual_key SET secret_hash = ?, lookup_tag = ?, rotated_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL")) {
                ps.setBytes(1, hash);
                ps.setString(2, KeySecrets.tag(hash));
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean revoke(String id, Instant at) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE virtual_key SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    List<Row> loadAll() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM virtual_key ORDER BY created_at_ms, id");
                 ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) rows.add(new Row(toKey(rs), rs.getBytes("secret_hash")));
                return rows;
            }
        });
    }

    private static VirtualKey toKey(ResultSet rs) throws SQLException {
        long maxCost = rs.getLong("max_cost_picousd");
        Money cap = rs.wasNull() ? null : Money.ofPicos(maxCost);
        KeySpec spec = new KeySpec(rs.getString("name"), rs.getString("team"), budgets(rs.getString("budgets_json")), cap,
                strings(rs.getString("allowed_models_json")), strings(rs.getString("allowed_routes_json")),
                new RateLimits(rs.getLong("requests_per_minute"), rs.getLong("tokens_per_minute")));
        return new VirtualKey(rs.getString("id"), spec, Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                instant(rs, "rotated_at_ms"), instant(rs, "revoked_at_ms"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static String budgetsJson(KeySpec spec) {
        ArrayNode array = JSON.createArrayNode();
        spec.budgets().forEach(b -> array.addObject().put("period", b.period().name()).put("limit_usd", b.limit().toPlainString()));
        return array.toString();
    }

    private static List<KeyBudget> budgets(String json) {
        List<KeyBudget> out = new ArrayList<>();
        for (JsonNode b : parse(json)) {
            out.add(new KeyBudget(BudgetPeriod.valueOf(b.path("period").asText()), Money.usd(b.path("limit_usd").asText())));
        }
        return out;
    }

    private static String stringsJson(Set<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.stream().sorted().forEach(array::add);
        return array.toString();
    }

    private static Set<String> strings(String json) {
        Set<String> out = new LinkedHashSet<>();
        parse(json).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column in virtual_key: " + e.getOriginalMessage(), e);
        }
    }
}
