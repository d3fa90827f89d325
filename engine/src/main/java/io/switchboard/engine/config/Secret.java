package io.switchboard.engine.config;

import java.util.Objects;

/** A credential that never shows itself in {@code toString}, so configs can be logged safely. */
public final class Secret {
    private final String value;

    private Secret(String value) { this.value = value; }

    /** A secret, or null when {@code value} is null or blank. */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.strip());
    }

    public static Secret of(String value) {
        return Objects.requireNonNull(ofNullable(value), "secret must not be blank");
    }

    /** The plain value; call only where it is sent, never where it could be logged. */
    public String reveal() { return value; }

    @Override
    public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }

    @Override
    public int hashCode() { return value.hashCode(); }

    @Override
    public String toString() { return "****"; }
}
