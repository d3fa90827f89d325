package io.switchboard.engine.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The secret mixed into every stored key hash. It must live apart from the database (a config secret or a
 * separate file) and stay the same for the store's lifetime: a different pepper makes every key invalid.
 */
public final class KeyPepper {
    private static final int BYTES = 32;

    private KeyPepper() {}

    /**
     * Reads the pepper from {@code file}, or creates it with 32 random bytes, readable only by the owner
     * where the file system supports POSIX permissions.
     */
    public static byte[] loadOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) return read(file);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            byte[] pepper = new byte[BYTES];
            random.nextBytes(pepper);
            try {
                createOwnerOnly(file);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            Files.write(file, pepper, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return pepper;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key pepper file " + file, e);
        }
    }

    /** Creates the empty file with owner-only permissions from the start, so it is never briefly world-readable. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // Windows: the data directory's ACL applies
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] pepper = Files.readAllBytes(file);
        if (pepper.length < 16) throw new IllegalStateException("key pepper file " + file + " is shorter than 16 bytes");
        return pepper;
    }
}
