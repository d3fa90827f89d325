package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void idsAreUniqueAndStartWithTheirCreationTime() {
        long before = System.currentTimeMillis();
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = Switchboard.newRequestId();
            assertThat(id).matches("req_[0-9a-f]{32}");
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
            String time = id.substring(4, 16);
            // Sorted by time: the spend ledger's index on request ids then grows at one end.
            assertThat(time).isGreaterThanOrEqualTo(previous);
            previous = time;
        }
        long after = System.currentTimeMillis();
        long first = Long.parseLong(seen.stream().sorted().findFirst().orElseThrow().substring(4, 16), 16);
        assertThat(first).isBetween(before, after);
        assertThat(Long.parseLong(previous, 16)).isBetween(before, after);
    }
}
