package io.switchboard.engine.cost;

import io.switchboard.core.model.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable record of what every call cost, one row per settled call, in the shared {@link SqliteDatabase}.
 * It is the source of truth that {@link BudgetBook#restore} rebuilds budgets from after a restart.
 *
 * <p>Blocking: every method does file I/O, so the engine calls it from a virtual-thread executor after the
 * response has been sent, never on a Vert.x event loop. Time ranges are half-open {@code [from, to)}.
 */
public final class SpendLedger implements SpendHistory {

    /** This component's name in {@code schema_version}. */
    public static final String COMPONENT = "spend_ledger";

    private static final String INSERT = """
            INSERT INTO spend (request_id, key_id, team, route, provider, model, input_tokens, cached_input_tokens,
              cache_write_tokens, output_tokens, reasoning_tokens, cost_picousd, batch, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (request_id) DO NOTHING""";
    private static final String TOTALS = "COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(cached_input_tokens), 0), "
            + "COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), "
            + "COALESCE(SUM(cost_picousd), 0)";

    /** Rows inserted between yields of the writing thread: about 0.1 ms of work. */
    private static final int YIELD_EVERY = 16;

    private final SqliteDatabase db;

    /** Opens the ledger on {@code db}, creating or upgrading its table; {@code clock} stamps the migration. */
    public SpendLedger(SqliteDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        db.migrate(COMPONENT, List.of(Migration.fromResource(SpendLedger.class, "migrations/V1__spend_ledger.sql")), clock);
    }

    /** Appends one call. Returns false if a call with the same request id was already recorded. */
    public boolean record(SpendRecord record) { return recordAll(List.of(record)) == 1; }

    /** Appends calls in one transaction (all or none). Returns how many were new. */
    public int recordAll(Collection<SpendRecord> records) { return recordAll(records, false); }

    /**
     * As {@link #recordAll(Collection)}; with {@code yielding}, the calling thread yields its core every
     * {@value #YIELD_EVERY} rows. A batch of a few hundred rows is about a millisecond of CPU: on a machine with
     * few cores, a millisecond an event loop may wait for this core (the bench's p99 on one connection).
     */
    public int recordAll(Collection<SpendRecord> records, boolean yielding) {
        if (records.isEmpty()) return 0;
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int inserted = 0;
                int batched = 0;
                for (SpendRecord r : records) {
                    bind(ps, r);
                    ps.addBatch();
                    if (yielding && ++batched == YIELD_EVERY) {
                        inserted += executeBatch(ps);
                        batched = 0;
                        Thread.yield();
                    }
                }
                return inserted + executeBatch(ps);
            }
        });
    }

    private static int executeBatch(PreparedStatement ps) throws SQLException {
        int inserted = 0;
        for (int n : ps.executeBatch()) inserted += Math.max(n, 0);
        return inserted;
    }

    /** What virtual key {@code keyId} spent in {@code [from, to)}. */
    public Money spend(String keyId, Instant from, Instant to) { return spend(BudgetScope.key(keyId), from, to); }

    /** What {@code scope} spent in {@code [from, to)}; the global scope counts every call. */
    public Money spend(BudgetScope scope, Instant from, Instant to) {
        String filter = scope.kind() == BudgetScope.Kind.GLOBAL ? "" : " AND " + column(scope.kind()) + " = ?";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(SUM(cost_picousd), 0) FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?" + filter)) {
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (!filter.isEmpty()) ps.setString(3, scope.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Money.ofPicos(rs.getLong(1));
                }
            }
        });
    }

    @Override
    public Money spendSince(BudgetScope scope, Instant since) { return spend(scope, since, Instant.MAX); }

    /**
     * Everything spent at or after {@code since}, per key, team and route, plus the global total: what a
     * restarted gateway needs to know which budgets are already used up.
     */
    public Map<BudgetScope, Money> loadSpendSince(Instant since) {
        Map<BudgetScope, Money> out = new HashMap<>();
        out.put(BudgetScope.global(), spend(BudgetScope.global(), since, Instant.MAX));
        for (BudgetScope.Kind kind : List.of(BudgetScope.Kind.KEY, BudgetScope.Kind.TEAM, BudgetScope.Kind.ROUTE)) {
            for (SpendTotal t : totalsBy(column(kind), since, Instant.MAX)) {
                if (t.group() != null) out.put(new BudgetScope(kind, t.group()), t.cost());
            }
        }
        return out;
    }

    /** Totals per virtual key in {@code [from, to)}, most expensive first. */
    public List<SpendTotal> totalsByKey(Instant from, Instant to) { return totalsBy("key_id", from, to); }

    /** Totals per upstream model in {@code [from, to)}, most expensive first. */
    public List<SpendTotal> totalsByModel(Instant from, Instant to) { return totalsBy("model", from, to); }

    /** Totals per virtual team in {@code [from, to)}, most expensive first. */
    public List<SpendTotal> totalsByTeam(Instant from, Instant to) { return totalsBy("team", from, to); }

    /**
     * Totals per local calendar day of {@code zone} for every day that overlaps {@code [from, to)}, in date
     * order, days without calls included. Days follow {@link BudgetPeriod#DAY}, so DST days are 23 or 25 hours.
     */
    public List<SpendTotal> totalsByDay(Instant from, Instant to, ZoneId zone) {
        List<SpendTotal> days = new ArrayList<>();
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            BudgetWindow day = BudgetPeriod.DAY.windowAt(cursor, zone);
            Instant end = day.end().isBefore(to) ? day.end() : to;
            String label = LocalDate.ofInstant(day.start(), zone).toString();
            Instant start = cursor;
            days.add(db.read(c -> total(c, label, start, end)));
            cursor = end;
        }
        return days;
    }

    /** What to group a report by. */
    public enum Grouping { KEY, TEAM, ROUTE, MODEL }

    /**
     * Totals in {@code [from, to)} grouped by {@code by}, most expensive first, counting only the calls of
     * virtual key {@code keyId} when it is non-null.
     */
    public List<SpendTotal> totals(Grouping by, String keyId, Instant from, Instant to) {
        String column = switch (by) {
            case KEY -> "key_id";
            case TEAM -> "team";
            case ROUTE -> "route";
            case MODEL -> "model";
        };
        return totalsBy(column, keyId, from, to);
    }

    /** Everything in {@code [from, to)}, optionally for one key only, as a single total (group null). */
    public SpendTotal total(String keyId, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOTALS
                    + " FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?" + (keyId == null ? "" : " AND key_id = ?"))) {
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (keyId != null) ps.setString(3, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return totalAt(rs, null, 1);
                }
            }
        });
    }

    /**
     * Totals per local calendar day of {@code zone} for the days in {@code [from, to)} that had calls, in date
     * order, optionally for one key only. Rows are summed per quarter hour in SQL (every zone offset is a
     * multiple of 15 minutes) and the quarters assigned to local days here, so DST days come out right.
     */
    public List<SpendTotal> dailyTotals(String keyId, Instant from, Instant to, ZoneId zone) {
        final long quarter = 15 * 60 * 1000L;
        Map<String, long[]> byDay = new java.util.TreeMap<>();
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at_ms / " + quarter + ", " + TOTALS
                    + " FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?" + (keyId == null ? "" : " AND key_id = ?")
                    + " GROUP BY created_at_ms / " + quarter)) {
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (keyId != null) ps.setString(3, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String day = LocalDate.ofInstant(Instant.ofEpochMilli(rs.getLong(1) * quarter), zone).toString();
                        long[] sums = byDay.computeIfAbsent(day, d -> new long[7]);
                        for (int i = 0; i < 7; i++) sums[i] += rs.getLong(i + 2);
                    }
                }
                return null;
            }
        });
        List<SpendTotal> out = new ArrayList<>();
        byDay.forEach((day, s) -> out.add(new SpendTotal(day, s[0], s[1], s[2], s[3], s[4], s[5], Money.ofPicos(s[6]))));
        return out;
    }

    /** The calls recorded in {@code [from, to)}, optionally for one key only, oldest first. */
    public List<SpendRecord> records(String keyId, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?"
                    + (keyId == null ? "" : " AND key_id = ?") + " ORDER BY created_at_ms, id")) {
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (keyId != null) ps.setString(3, keyId);
                List<SpendRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(recordAt(rs));
                }
                return out;
            }
        });
    }

    private static SpendRecord recordAt(ResultSet rs) throws SQLException {
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("cached_input_tokens"),
                rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"));
        return new SpendRecord(rs.getString("request_id"), rs.getString("key_id"), rs.getString("team"), rs.getString("route"),
                rs.getString("provider"), rs.getString("model"), usage, Money.ofPicos(rs.getLong("cost_picousd")),
                rs.getInt("batch") == 1, Instant.ofEpochMilli(rs.getLong("created_at_ms")));
    }

    private List<SpendTotal> totalsBy(String column, Instant from, Instant to) { return totalsBy(column, null, from, to); }

    /** Totals grouped by {@code column}, most expensive first; only key {@code keyId}'s calls when it is non-null. */
    private List<SpendTotal> totalsBy(String column, String keyId, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + ", " + TOTALS
                    + " FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?" + (keyId == null ? "" : " AND key_id = ?")
                    + " GROUP BY " + column + " ORDER BY SUM(cost_picousd) DESC, " + column)) {
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (keyId != null) ps.setString(3, keyId);
                List<SpendTotal> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(totalAt(rs, rs.getString(1), 2));
                }
                return out;
            }
        });
    }

    private static SpendTotal total(Connection c, String label, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TOTALS + " FROM spend WHERE created_at_ms >= ? AND created_at_ms < ?")) {
            ps.setLong(1, millis(from));
            ps.setLong(2, millis(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return totalAt(rs, label, 1);
            }
        }
    }

    private static SpendTotal totalAt(ResultSet rs, String group, int first) throws SQLException {
        return new SpendTotal(group, rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2),
                rs.getLong(first + 3), rs.getLong(first + 4), rs.getLong(first + 5), Money.ofPicos(rs.getLong(first + 6)));
    }

    private static void bind(PreparedStatement ps, SpendRecord r) throws SQLException {
        ps.setString(1, r.requestId());
        ps.setString(2, r.keyId());
        ps.setString(3, r.team());
        ps.setString(4, r.route());
        ps.setString(5, r.provider());
        ps.setString(6, r.model());
        ps.setLong(7, r.usage().inputTokens());
        ps.setLong(8, r.usage().cachedInputTokens());
        ps.setLong(9, r.usage().cacheWriteTokens());
        ps.setLong(10, r.usage().outputTokens());
        ps.setLong(11, r.usage().reasoningTokens());
        ps.setLong(12, r.cost().toPicos());
        ps.setInt(13, r.batch() ? 1 : 0);
        ps.setLong(14, r.at().toEpochMilli());
    }

    /** Epoch millis, saturating: {@link Instant#MIN} and {@link Instant#MAX} do not fit a long of millis. */
    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static String column(BudgetScope.Kind kind) {
        return switch (kind) {
            case KEY -> "key_id";
            case TEAM -> "team";
            case ROUTE -> "route";
            case GLOBAL -> throw new IllegalArgumentException("the global scope has no column");
        };
    }
}
