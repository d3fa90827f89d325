package io.switchboard.engine.cost;

/** The embedded database failed; wraps the {@link java.sql.SQLException} so callers need not handle it. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) { super(message, cause); }
}
