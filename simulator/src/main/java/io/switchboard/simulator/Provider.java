package io.switchboard.simulator;

import java.util.Locale;

/** The provider whose wire format a request speaks; decides paths, headers and error shapes. */
public enum Provider {
    OPENAI("openai"),
    ANTHROPIC("anthropic");

    private final String wireName;

    Provider(String wireName) { this.wireName = wireName; }

    /** The lower-case name used in scenarios and configuration ({@code openai}, {@code anthropic}). */
    public String wireName() { return wireName; }

    /** Parses a scenario/config name, case-insensitively. */
    public static Provider parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.wireName.equals(n)) return p;
        }
        throw new IllegalArgumentException("unknown provider '" + name + "' (expected openai or anthropic)");
    }
}
