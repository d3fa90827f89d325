package io.switchboard.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a key presented by a client ({@code Authorization: Bearer} or {@code x-api-key}) may use
 * the gateway, and who it is. Implementations must not log or keep the presented key, and must compare in
 * constant time. Virtual keys plug in here.
 */
@FunctionalInterface
public interface KeyAuthenticator {

    /** The id of the caller, or empty to refuse. {@code presentedKey} is null when the client sent none. */
    Optional<String> authenticate(String presentedKey);

    /** No key required: every caller is {@code anonymous}. For local use only. */
    static KeyAuthenticator open() { return key -> Optional.of("anonymous"); }

    /** Accepts exactly {@code masterKey}, as caller {@code master}. */
    static KeyAuthenticator masterKey(String masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        byte[] expected = sha256(masterKey);
        // Hashing first makes the comparison independent of both the key's length and its content.
        return key -> key != null && MessageDigest.isEqual(expected, sha256(key)) ? Optional.of("master") : Optional.empty();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
