package io.switchboard.simulator;

/**
 * A scripted misbehaviour, chosen per request by the {@code x-sim-fault} header or by a {@link Scenario} rule.
 * The text syntax ({@link #parse}) is a public API: {@code status:NNN}, {@code reset}, {@code stall_ms:N},
 * {@code cut_after:N}, {@code idle_ms:N}, {@code malformed}.
 */
public sealed interface Fault {

    /** Answer with the provider's real error body and status {@code code}. */
    record Status(int code) implements Fault {
        public Status {
            if (code < 400 || code > 599) throw new IllegalArgumentException("status fault needs a 4xx/5xx code, got " + code);
        }
    }

    /** Close the connection (HTTP/2: reset the stream) without answering. */
    record Reset() implements Fault {}

    /** Send no byte at all for {@code millis}, then answer normally. */
    record Stall(long millis) implements Fault {}

    /** Send {@code frames} stream frames (a JSON answer: part of its body), then drop the connection. */
    record CutAfter(int frames) implements Fault {}

    /** Pause {@code millis} between two frames about a third of the way into the answer. */
    record Idle(long millis) implements Fault {}

    /** Send an invalid JSON body, or one invalid chunk in the middle of a stream. */
    record Malformed() implements Fault {}

    /** Parses the public fault syntax; throws {@link IllegalArgumentException} naming the problem. */
    static Fault parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("fault is empty");
        String t = text.trim();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon).trim();
        String arg = colon < 0 ? null : t.substring(colon + 1).trim();
        return switch (kind) {
            case "reset" -> noArg(kind, arg, new Reset());
            case "malformed" -> noArg(kind, arg, new Malformed());
            case "status" -> new Status((int) number(kind, arg));
            case "stall_ms" -> new Stall(number(kind, arg));
            case "cut_after" -> new CutAfter((int) number(kind, arg));
            case "idle_ms" -> new Idle(number(kind, arg));
            default -> throw new IllegalArgumentException("unknown fault '" + t
                    + "' (expected status:NNN, reset, stall_ms:N, cut_after:N, idle_ms:N or malformed)");
        };
    }

    private static Fault noArg(String kind, String arg, Fault fault) {
        if (arg != null) throw new IllegalArgumentException("fault '" + kind + "' takes no argument");
        return fault;
    }

    private static long number(String kind, String arg) {
        if (arg == null || arg.isEmpty()) throw new IllegalArgumentException("fault '" + kind + "' needs a number, e.g. " + kind + ":100");
        try {
            long n = Long.parseLong(arg);
            if (n < 0 || n > Integer.MAX_VALUE) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + kind + "' needs a non-negative integer, got '" + arg + "'");
        }
    }
}
