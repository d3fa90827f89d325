package io.switchboard.providers.wire;

import java.util.UUID;

/**
 * Response ids in each format's own shape ({@code chatcmpl-…}, {@code resp_…}, {@code msg_…}). An id that
 * already has the wanted prefix is kept; another provider's id keeps its unique part under the new prefix,
 * so the same upstream answer always gets the same client-visible id.
 */
public final class WireIds {
    private static final String[] KNOWN_PREFIXES = {"chatcmpl-", "resp_", "msg_", "fc_", "call_", "toolu_"};

    private WireIds() {}

    public static String withPrefix(String id, String prefix) {
        if (id == null || id.isEmpty()) return prefix + UUID.randomUUID().toString().replace("-", "");
        if (id.startsWith(prefix)) return id;
        return prefix + unique(id);
    }

    /** {@code id} without a known provider prefix. */
    public static String unique(String id) {
        for (String p : KNOWN_PREFIXES) {
            if (id.startsWith(p) && id.length() > p.length()) return id.substring(p.length());
        }
        return id;
    }
}
