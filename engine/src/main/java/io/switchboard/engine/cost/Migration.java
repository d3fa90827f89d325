package io.switchboard.engine.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema change: plain SQL statements, applied once, in version order, per component. Scripts live in
 * resources named {@code V<version>__<description>.sql}. Statements are separated by a {@code ;} at the
 * end of a line and {@code --} comment lines are dropped; that is all the parsing there is, so scripts
 * must not contain triggers or string literals with a line-ending semicolon.
 */
public record Migration(int version, String description, String sql) {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    public Migration {
        if (version <= 0) throw new IllegalArgumentException("migration version must be positive, got " + version);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }

    /** Loads {@code name} (e.g. {@code V1__spend_ledger.sql}) from {@code anchor}'s package in resources. */
    public static Migration fromResource(Class<?> anchor, String name) {
        Matcher m = NAME.matcher(name.substring(name.lastIndexOf('/') + 1));
        if (!m.matches()) throw new IllegalArgumentException("migration '" + name + "' is not named V<n>__<description>.sql");
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("migration resource '" + name + "' not found");
            return new Migration(Integer.parseInt(m.group(1)), m.group(2), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script split into statements, comments and blank lines removed. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }
}
