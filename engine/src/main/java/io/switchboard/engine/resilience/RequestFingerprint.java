package io.switchboard.engine.resilience;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a request body, hex-encoded, for {@link IdempotencyStore}. Byte-exact on purpose: the
 * SDKs resend the very same bytes on retry, so a differing body means a different request.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {}

    public static String of(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
