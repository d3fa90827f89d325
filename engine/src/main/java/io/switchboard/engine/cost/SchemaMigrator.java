package io.switchboard.engine.cost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Brings one component's tables up to date. Each component (the spend ledger, the key store) keeps its
 * own version sequence in the shared {@code schema_version} table, so they can share one database file and
 * evolve independently. Each migration runs in its own transaction together with its version row, so a
 * failed script leaves the schema at the previous version.
 */
final class SchemaMigrator {

    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
              component     TEXT    NOT NULL,
              version       INTEGER NOT NULL,
              description   TEXT    NOT NULL,
              applied_at_ms INTEGER NOT NULL,
              PRIMARY KEY (component, version)
            )""";

    private SchemaMigrator() {}

    /** Applies the migrations newer than the stored version, in order. Expects auto-commit on entry. */
    static int migrate(Connection c, String component, List<Migration> migrations, Clock clock) throws SQLException {
        checkOrdered(component, migrations);
        ensureVersionTable(c);
        int current = currentVersion(c, component);
        int latest = migrations.isEmpty() ? 0 : migrations.getLast().version();
        if (current > latest) {
            throw new IllegalStateException("database schema of " + component + " is at version " + current
                    + ", newer than this build knows (" + latest + "); refusing to run against it");
        }
        int applied = 0;
        for (Migration m : migrations) {
            if (m.version() <= current) continue;
            apply(c, component, m, clock);
            applied++;
        }
        return applied;
    }

    static void ensureVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(VERSION_TABLE);
        }
    }

    static int currentVersion(Connection c, String component) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE component = ?")) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void apply(Connection c, String component, Migration m, Clock clock) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement();
             PreparedStatement record = c.prepareStatement(
                     "INSERT INTO schema_version (component, version, description, applied_at_ms) VALUES (?, ?, ?, ?)")) {
            for (String statement : m.statements()) s.execute(statement);
            record.setString(1, component);
            record.setInt(2, m.version());
            record.setString(3, m.description());
            record.setLong(4, clock.millis());
            record.executeUpdate();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void checkOrdered(String component, List<Migration> migrations) {
        int previous = 0;
        for (Migration m : migrations) {
            if (m.version() <= previous) {
                throw new IllegalArgumentException(component + " migrations must have increasing versions; "
                        + m.version() + " follows " + previous);
            }
            previous = m.version();
        }
    }
}
