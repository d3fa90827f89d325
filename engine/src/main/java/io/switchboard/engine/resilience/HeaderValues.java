package io.switchboard.engine.resilience;

import java.util.Map;

/** Case-insensitive reads from a plain header map (HTTP header names are case-insensitive). */
final class HeaderValues {
    private HeaderValues() {}

    static String get(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) return exact.trim();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().trim();
            }
        }
        return null;
    }

    /** A non-negative whole number, or -1 when absent or malformed. */
    static long nonNegativeLong(Map<String, String> headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isEmpty()) return -1;
        try {
            long n = Long.parseLong(value);
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
