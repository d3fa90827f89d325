package io.switchboard.engine.config;

/** A configuration that cannot be used; the message names the source and the line when known. */
public final class ConfigException extends RuntimeException {
    private final int line;

    public ConfigException(String message) { this(null, -1, message, null); }

    public ConfigException(String source, int line, String message, Throwable cause) {
        super(format(source, line, message), cause);
        this.line = line;
    }

    /** The 1-based line of the offending YAML, or -1 when the problem is not tied to a line. */
    public int line() { return line; }

    private static String format(String source, int line, String message) {
        StringBuilder sb = new StringBuilder();
        if (source != null) sb.append(source);
        if (line > 0) sb.append(sb.isEmpty() ? "" : " ").append("line ").append(line);
        return sb.isEmpty() ? message : sb.append(": ").append(message).toString();
    }
}
