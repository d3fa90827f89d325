package io.switchboard.simulator;

import java.util.regex.Pattern;

/**
 * A model-name glob: {@code *} matches any run of characters, {@code ?} one character, everything else
 * literally. A null or {@code "*"} glob matches everything, including a request without a model.
 */
public final class Glob {
    private static final Glob ANY = new Glob("*", null);

    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
        if (glob == null || glob.equals("*")) return ANY;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
        return new Glob(glob, Pattern.compile(regex.toString()));
    }

    public boolean matches(String value) {
        if (pattern == null) return true;
        return value != null && pattern.matcher(value).matches();
    }

    @Override
    public String toString() { return text; }
}
