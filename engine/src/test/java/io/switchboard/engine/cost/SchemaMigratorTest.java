package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.at("2026-06-15T12:00:00Z");

    private static final Migration CREATE = new Migration(1, "create", """
            -- a comment line
            CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            INSERT INTO thing (name) VALUES ('first');
            """);
    private static final Migration ADD_COLUMN = new Migration(2, "add_colour", "ALTER TABLE thing ADD COLUMN colour TEXT;");

    private static int count(SqliteDatabase db, String sql) {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void appliesPendingMigrationsInOrderOnce() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            assertThat(db.migrate("things", List.of(CREATE), clock)).isEqualTo(1);
            assertThat(db.migrate("things", List.of(CREATE, ADD_COLUMN), clock)).isEqualTo(1);
            assertThat(db.migrate("things", List.of(CREATE, ADD_COLUMN), clock)).isZero();
            assertThat(db.schemaVersion("things")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM thing WHERE colour IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void componentsKeepSeparateVersions() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            db.migrate("things", List.of(CREATE, ADD_COLUMN), clock);
            db.migrate("others", List.of(new Migration(1, "other", "CREATE TABLE other (x INTEGER)")), clock);
            assertThat(db.schemaVersion("things")).isEqualTo(2);
            assertThat(db.schemaVersion("others")).isEqualTo(1);
            assertThat(db.schemaVersion("never")).isZero();
        }
    }

    @Test
    void aFailingMigrationLeavesTheSchemaAtThePreviousVersion() {
        Migration broken = new Migration(2, "broken", """
                ALTER TABLE thing ADD COLUMN colour TEXT;
                THIS IS NOT SQL;
                """);
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            db.migrate("things", List.of(CREATE), clock);
            assertThatThrownBy(() -> db.migrate("things", List.of(CREATE, broken), clock)).isInstanceOf(StorageException.class);
            assertThat(db.schemaVersion("things")).isEqualTo(1);
            // the first statement of the broken script was rolled back too, so the fixed script applies cleanly
            assertThat(db.migrate("things", List.of(CREATE, ADD_COLUMN), clock)).isEqualTo(1);
        }
    }

    @Test
    void refusesADatabaseNewerThanTheBuild() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            db.migrate("things", List.of(CREATE, ADD_COLUMN), clock);
            assertThatThrownBy(() -> db.migrate("things", List.of(CREATE), clock))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("newer");
        }
    }

    @Test
    void refusesMigrationsOutOfOrder() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            assertThatThrownBy(() -> db.migrate("things", List.of(ADD_COLUMN, CREATE), clock))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void scriptsSplitIntoStatementsAndLoadFromResources() {
        assertThat(CREATE.statements()).containsExactly(
                "CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", "INSERT INTO thing (name) VALUES ('first')");
        Migration ledger = Migration.fromResource(SpendLedger.class, "migrations/V1__spend_ledger.sql");
        assertThat(ledger.version()).isEqualTo(1);
        assertThat(ledger.description()).isEqualTo("spend_ledger");
        assertThat(ledger.statements()).first().asString().startsWith("CREATE TABLE spend");
        assertThatThrownBy(() -> Migration.fromResource(SpendLedger.class, "migrations/bad-name.sql"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
