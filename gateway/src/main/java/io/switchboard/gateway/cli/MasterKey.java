package io.switchboard.gateway.cli;

import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.gateway.KeyAuthenticator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's master key: from the config / {@code SWITCHBOARD_MASTER_KEY}, else generated at first start.
 * A generated key is printed once and only its SHA-256 is kept (in {@code master-key.sha256} of the data
 * directory), so a leaked data directory does not leak the key.
 */
final class MasterKey {
    static final String HASH_FILE = "master-key.sha256";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final byte[] hash;
    private final String announcement;

    private MasterKey(byte[] hash, String announcement) {
        this.hash = hash;
        this.announcement = announcement;
    }

    static MasterKey resolve(GatewayConfig config, Map<String, String> env, Path dataDir) {
        if (config.masterKey() != null) {
            return new MasterKey(sha256(config.masterKey().reveal()), "Master key: from $" + config.masterKeyEnv() + ".");
        }
        String fromEnv = env.get(GatewayConfig.MASTER_KEY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new MasterKey(sha256(fromEnv.strip()), "Master key: from $" + GatewayConfig.MASTER_KEY_ENV + ".");
        }
        Path file = dataDir.resolve(HASH_FILE);
        try {
            if (Files.exists(file)) {
                byte[] stored = HexFormat.of().parseHex(Files.readString(file).strip());
                return new MasterKey(stored, "Master key: the one printed at first start (its hash is in " + file + ").");
            }
            String key = generate();
            Files.createDirectories(dataDir);
            Files.writeString(file, HexFormat.of().formatHex(sha256(key)) + "\n");
            restrict(file);
            return new MasterKey(sha256(key), "Generated a master key; it is shown ONCE, keep it (or set $"
                    + GatewayConfig.MASTER_KEY_ENV + "):\n    " + key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the master key in " + dataDir, e);
        }
    }

    KeyAuthenticator authenticator() {
        byte[] expected = hash.clone();
        return presented -> presented != null && MessageDigest.isEqual(expected, sha256(presented))
                ? Optional.of("master") : Optional.empty();
    }

    void announce(PrintStream out) { out.println(announcement); }

    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("sk-sb-master-");
        for (int i = 0; i < 40; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the file holds only a hash, so this is hardening, not a requirement.
        }
    }
}
