package io.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkResultTest {

    @Test
    void readsTheResultLineAmongWrksOwnOutput() {
        String out = """
                Running 10s test @ http://127.0.0.1:8080
                  2 threads and 64 connections
                WRK_RESULT {"duration_us":10000000,"requests":50000,"mean_us":1250.5,"p50_us":1100,"p90_us":2000,"p99_us":4000,"p999_us":9000,"max_us":15000,"non2xx":3,"connect_errors":1,"read_errors":2,"write_errors":0,"timeouts":4}
                """;
        WrkResult r = WrkResult.parse(out);
        assertThat(r.durationS()).isEqualTo(10.0);
        assertThat(r.requests()).isEqualTo(50_000);
        assertThat(r.requestsPerSecond()).isEqualTo(5000.0);
        assertThat(r.latency()).isEqualTo(new Percentiles(1100, 2000, 4000, 9000, 15000, 1250.5));
        assertThat(r.non2xx()).isEqualTo(3);
        assertThat(r.socketErrors()).isEqualTo(7);
    }

    @Test
    void failsLoudlyWithoutAResultLine() {
        assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no WRK_RESULT line");
    }

    @Test
    void theScriptPrintsTheLineTheParserReads() {
        String lua = WrkScript.lua("/v1/chat/completions", "/tmp/body \"1\".json", Map.of("Authorization", "Bearer k"));
        assertThat(lua).contains("io.open(\"/tmp/body \\\"1\\\".json\", \"rb\")")
                .contains("wrk.headers[\"Authorization\"] = \"Bearer k\"")
                .contains("io.write(string.format('WRK_RESULT {\"duration_us\":%d")
                .contains("latency:percentile(99.9)");
    }
}
