package io.switchboard.engine.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The embedded SQLite file shared by the spend ledger and the virtual-key store ({@value #FILE_NAME} in the
 * data directory), in WAL mode so a crash loses at most the last uncommitted write and readers do not block
 * the writer.
 *
 * <p>Blocking: every method does file I/O. The engine calls these from a virtual-thread executor, never
 * from a Vert.x event loop. One connection is shared and access is serialised by a {@link ReentrantLock}
 * (not {@code synchronized}, so virtual threads do not pin): SQLite allows a single writer anyway, and a
 * ledger write is tens of microseconds.
 */
public final class SqliteDatabase implements AutoCloseable {

    public static final String FILE_NAME = "switchboard.db";

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** Work to run with the connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) {@value #FILE_NAME} in {@code dataDirectory}, creating the directory too. */
    public static SqliteDatabase open(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDirectory, e);
        }
        return openFile(dataDirectory.resolve(FILE_NAME));
    }

    /** Opens (creating if needed) the database {@code file}. */
    public static SqliteDatabase openFile(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        // A spend row updates six B-trees, one keyed by random request ids; with SQLite's default 2 MB page cache
        // those pages kept falling out and being read back on every batch (the ledger writer's CPU, per call,
        // fell by a quarter with a 32 MB cache). Not memory-mapped: the mapped file counted in the gateway's RSS
        // (180 MB after a benchmark's worth of rows).
        config.setCacheSize(-32 * 1024);
        config.enforceForeignKeys(true);
        try {
            return new SqliteDatabase(file, config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file, e);
        }
    }

    /** Runs {@code work} with exclusive use of the connection, in auto-commit mode. */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("database read failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    public <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("database write failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code component}'s pending migrations.
     *
     * @return how many were applied
     */
    public int migrate(String component, List<Migration> migrations, Clock clock) {
        return read(c -> SchemaMigrator.migrate(c, component, migrations, clock));
    }

    /** The schema version {@code component} is at, 0 if it has never been migrated. */
    public int schemaVersion(String component) {
        return read(c -> {
            SchemaMigrator.ensureVersionTable(c);
            return SchemaMigrator.currentVersion(c, component);
        });
    }

    public Path file() { return file; }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing database failed", e);
        } finally {
            lock.unlock();
        }
    }
}
