package io.switchboard.bench.load;

import java.util.Map;

/**
 * The Lua script given to wrk: POSTs one body (read from a file, so a 100 KB body needs no escaping) with the
 * target's headers, and at the end prints one line, {@code WRK_RESULT {json}}, with the counts and the
 * percentiles (p99.9 included, which wrk's own summary does not print).
 */
final class WrkScript {
    static final String RESULT_PREFIX = "WRK_RESULT ";

    private WrkScript() {}

    static String lua(String path, String bodyFile, Map<String, String> headers) {
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = \"POST\"\n");
        lua.append("wrk.path = ").append(quote(path)).append('\n');
        lua.append("local f = assert(io.open(").append(quote(bodyFile)).append(", \"rb\"))\n");
        lua.append("wrk.body = f:read(\"*a\")\nf:close()\n");
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((k, v) -> lua.append("wrk.headers[").append(quote(k)).append("] = ").append(quote(v)).append('\n'));
        lua.append("""
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format('@PREFIX@{"duration_us":%d,"requests":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"non2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\\n',
                    summary.duration, summary.requests, latency.mean,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
                    e.status, e.connect, e.read, e.write, e.timeout))
                end
                """.replace("@PREFIX@", RESULT_PREFIX));
        return lua.toString();
    }

    /** A Lua string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
