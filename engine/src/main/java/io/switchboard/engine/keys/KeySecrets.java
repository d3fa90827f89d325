package io.switchboard.engine.keys;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and hashes key secrets. A secret is {@code sk-sb-} plus 43 random base62 characters (about 256
 * bits). It is stored as HMAC-SHA256 keyed by the store's pepper: SHA-256 of the secret with a secret salt,
 * in the standard keyed-hash form. With 256 random bits no slow password hash is needed, and the pepper
 * (kept outside the database) means a stolen database file alone cannot test guesses.
 */
final class KeySecrets {
    static final String PREFIX = "sk-sb-";
    static final int SECRET_LENGTH = 43;
    /** Bytes of the hash used as a non-secret index to find candidates before comparing in full. */
    private static final int TAG_BYTES = 8;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecretKeySpec pepper;
    private final SecureRandom random;
    /** A Mac is not thread-safe and costly to look up; authentication hashes on every request, so one per thread. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    KeySecrets(byte[] pepper, SecureRandom random) {
        if (pepper == null || pepper.length < 16) throw new IllegalArgumentException("the key pepper must be at least 16 bytes");
        this.pepper = new SecretKeySpec(pepper.clone(), "HmacSHA256");
        this.random = random;
    }

    /** A fresh plain key. */
    String newKey() { return PREFIX + base62(SECRET_LENGTH); }

    /** A fresh public id for a key record ({@code vk_} + 16 base62 characters). */
    String newId() { return "vk_" + base62(16); }

    /** Whether {@code presented} has the shape of a key; checking this leaks nothing, the shape is public. */
    static boolean looksLikeKey(String presented) {
        if (presented == null || presented.length() != PREFIX.length() + SECRET_LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < presented.length(); i++) {
            char ch = presented.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z')) return false;
        }
        return true;
    }

    byte[] hash(String plainKey) {
        // doFinal resets the Mac, keeping its key, so the next call starts clean.
        return macs.get().doFinal(plainKey.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The index part of {@code hash}: narrows the candidates, the full hash is still compared. */
    static String tag(byte[] hash) { return HexFormat.of().formatHex(hash, 0, TAG_BYTES); }

    private String base62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = BASE62[random.nextInt(BASE62.length)];
        return new String(out);
    }
}
