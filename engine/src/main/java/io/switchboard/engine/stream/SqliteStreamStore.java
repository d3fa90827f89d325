package io.switchboard.engine.stream;

import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.cost.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal: SQLite ({@value #FILE_NAME} in the data directory, WAL mode). Writes are queued by the
 * event loops and written behind by one virtual thread in batched transactions, so relaying never waits on
 * the disk; the queue is bounded, and when the disk cannot keep up events are dropped from the durable copy
 * (counted and logged), never from the stream. Reads ({@link #load}) first wait for what is queued.
 */
public final class SqliteStreamStore implements StreamStore {
    public static final String FILE_NAME = "streams.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStreamStore.class);
    private static final int QUEUE_CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private sealed interface Op {}
    private record Opened(String id, String keyId, WireFormatId format, long atMs) implements Op {}
    private record Appended(String id, int index, byte[] frame, long sequence) implements Op {}
    private record Finished(String id, StreamLog.State state) implements Op {}
    private record Bound(String id, String responseId) implements Op {}
    private record Expire(long cutoffMs) implements Op {}

    private final SqliteDatabase db;
    private final Clock clock;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    private volatile Instant lastExpiry = Instant.MIN;

    private SqliteStreamStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.read(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS stream (id TEXT PRIMARY KEY, key_id TEXT, format TEXT NOT NULL, "
                        + "response_id TEXT, state TEXT NOT NULL, created_ms INTEGER NOT NULL, touched_ms INTEGER NOT NULL)");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS stream_by_response ON stream(response_id)");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS stream_by_touched ON stream(touched_ms)");
                s.executeUpdate("CREATE TABLE IF NOT EXISTS stream_event (stream_id TEXT NOT NULL, idx INTEGER NOT NULL, "
                        + "seq INTEGER NOT NULL, frame BLOB NOT NULL, PRIMARY KEY (stream_id, idx)) WITHOUT ROWID");
            }
            return null;
        });
        this.writer = Thread.ofVirtual().name("stream-store-writer").start(this::writeLoop);
    }

    /** Opens (creating if needed) {@value #FILE_NAME} in {@code dataDirectory}. */
    public static SqliteStreamStore open(Path dataDirectory, Clock clock) {
        try {
            java.nio.file.Files.createDirectories(dataDirectory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create data directory " + dataDirectory, e);
        }
        return new SqliteStreamStore(SqliteDatabase.openFile(dataDirectory.resolve(FILE_NAME)), clock);
    }

    /** Events and other writes the durable copy lost because its queue was full. */
    public long droppedWrites() { return dropped.get(); }

    @Override
    public void opened(String streamId, String keyId, WireFormatId format, Instant createdAt) {
        offer(new Opened(streamId, keyId, format, createdAt.toEpochMilli()));
    }

    @Override
    public void appended(String streamId, int index, byte[] frame, long sequence) { offer(new Appended(streamId, index, frame, sequence)); }

    @Override
    public void finished(String streamId, StreamLog.State state) { offer(new Finished(streamId, state)); }

    @Override
    public void responseBound(String streamId, String responseId) { offer(new Bound(streamId, responseId)); }

    @Override
    public void expire(Instant cutoff) {
        Instant now = clock.instant();
        if (lastExpiry.plus(EXPIRY_INTERVAL).isAfter(now)) return;
        lastExpiry = now;
        offer(new Expire(cutoff.toEpochMilli()));
    }

    private void offer(Op op) {
        if (closing) return;
        if (queue.offer(op)) {
            enqueued.incrementAndGet();
        } else if (dropped.incrementAndGet() % 10_000 == 1) {
            LOG.warn("stream store cannot keep up: {} writes dropped from the durable journal so far", dropped.get());
        }
    }

    @Override
    public Optional<StreamLog> load(String streamId, Clock readClock, StreamJournal owner) {
        awaitWritten();
        return db.read(c -> {
            String keyId, format, responseId, state;
            try (PreparedStatement p = c.prepareStatement("SELECT key_id, format, response_id, state FROM stream WHERE id = ?")) {
                p.setString(1, streamId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Optional.<StreamLog>empty();
                    keyId = r.getString(1);
                    format = r.getString(2);
                    responseId = r.getString(3);
                    state = r.getString(4);
                }
            }
            List<byte[]> frames = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            int first = -1;
            try (PreparedStatement p = c.prepareStatement("SELECT idx, seq, frame FROM stream_event WHERE stream_id = ? ORDER BY idx")) {
                p.setString(1, streamId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        int idx = r.getInt(1);
                        if (first < 0) first = idx;
                        if (idx != first + frames.size()) break; // a gap (dropped writes): keep the contiguous part
                        sequences.add(r.getLong(2));
                        frames.add(r.getBytes(3));
                    }
                }
            }
            long[] seq = sequences.stream().mapToLong(Long::longValue).toArray();
            return Optional.of(StreamLog.restored(streamId, keyId, WireFormatId.valueOf(format), responseId, readClock,
                    Math.max(0, first), frames, seq, StreamLog.State.valueOf(state)));
        });
    }

    @Override
    public Optional<String> streamOfResponse(String responseId) {
        awaitWritten();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM stream WHERE response_id = ? LIMIT 1")) {
                p.setString(1, responseId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Waits (a bounded while) until everything queued so far is in the database. */
    private void awaitWritten() {
        long target = enqueued.get();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (written.get() < target && System.nanoTime() < giveUpAt && writer.isAlive()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeLoop() {
        List<Op> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Op first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                db.write(c -> {
                    writeBatch(c, batch);
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("stream store write of {} operations failed: {}", batch.size(), e.getMessage());
            } finally {
                written.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    private void writeBatch(Connection c, List<Op> batch) throws SQLException {
        long now = clock.millis();
        Map<String, Long> touched = new HashMap<>();
        try (PreparedStatement open = c.prepareStatement("INSERT OR REPLACE INTO stream (id, key_id, format, response_id, state, created_ms, touched_ms) VALUES (?, ?, ?, NULL, 'OPEN', ?, ?)");
             PreparedStatement event = c.prepareStatement("INSERT OR REPLACE INTO stream_event (stream_id, idx, seq, frame) VALUES (?, ?, ?, ?)");
             PreparedStatement finish = c.prepareStatement("UPDATE stream SET state = ?, touched_ms = ? WHERE id = ?");
             PreparedStatement bind = c.prepareStatement("UPDATE stream SET response_id = ? WHERE id = ?");
             PreparedStatement touch = c.prepareStatement("UPDATE stream SET touched_ms = ? WHERE id = ?")) {
            for (Op op : batch) {
                switch (op) {
                    case Opened o -> {
                        open.setString(1, o.id());
                        open.setString(2, o.keyId());
                        open.setString(3, o.format().name());
                        open.setLong(4, o.atMs());
                        open.setLong(5, o.atMs());
                        open.executeUpdate();
                    }
                    case Appended a -> {
                        event.setString(1, a.id());
                        event.setInt(2, a.index());
                        event.setLong(3, a.sequence());
                        event.setBytes(4, a.frame());
                        event.addBatch();
                        touched.put(a.id(), now);
                    }
                    case Finished f -> {
                        event.executeBatch();
                        finish.setString(1, f.state().name());
                        finish.setLong(2, now);
                        finish.setString(3, f.id());
                        finish.executeUpdate();
                    }
                    case Bound b -> {
                        bind.setString(1, b.responseId());
                        bind.setString(2, b.id());
                        bind.executeUpdate();
                    }
                    case Expire e -> expire(c, e.cutoffMs());
                }
            }
            event.executeBatch();
            for (Map.Entry<String, Long> t : touched.entrySet()) {
                touch.setLong(1, t.getValue());
                touch.setString(2, t.getKey());
                touch.addBatch();
            }
            touch.executeBatch();
        }
    }

    private static void expire(Connection c, long cutoffMs) throws SQLException {
        try (PreparedStatement events = c.prepareStatement(
                "DELETE FROM stream_event WHERE stream_id IN (SELECT id FROM stream WHERE touched_ms < ?)");
             PreparedStatement streams = c.prepareStatement("DELETE FROM stream WHERE touched_ms < ?")) {
            events.setLong(1, cutoffMs);
            events.executeUpdate();
            streams.setLong(1, cutoffMs);
            streams.executeUpdate();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
