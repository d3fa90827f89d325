package io.switchboard.engine.keys;

import java.util.Objects;

/**
 * A key just created or rotated, with its plain secret. The secret exists only here: the store keeps a
 * hash. Show it to the user once and drop it; {@link #toString()} masks it so it cannot leak into logs.
 */
public record IssuedKey(VirtualKey key, String plainKey) {
    public IssuedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plainKey, "plainKey");
    }

    @Override
    public String toString() { return "IssuedKey[" + key.id() + ", " + KeySecrets.PREFIX + "****]"; }
}
