package io.switchboard.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {
    private static final ByteSource NOTHING = new ByteSource() {
        @Override public void start(Sink sink) { sink.onEnd(); }
        @Override public void pause() {}
        @Override public void resume() {}
        @Override public void cancel() {}
    };

    @Test
    void headersAreLowerCasedFrozenAndEachWithHeaderLeavesTheOriginalAlone() {
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("Content-Type", "application/json");
        upstream.put("X-Request-Id", "r1");
        Reply.Complete first = new Reply.Complete(200, upstream, new byte[0], null);
        upstream.put("x-late", "not seen");

        Reply.Complete second = first.withHeader("X-Switchboard-Target", "openai/gpt-4o").withHeader("x-request-id", "r2");

        assertThat(first.headers()).containsExactly(Map.entry("content-type", "application/json"), Map.entry("x-request-id", "r1"));
        assertThat(second.headers()).containsExactly(Map.entry("content-type", "application/json"),
                Map.entry("x-request-id", "r2"), Map.entry("x-switchboard-target", "openai/gpt-4o"));
        assertThatThrownBy(() -> second.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> second.headers().entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        // A reply made from another's headers shares them rather than copying.
        assertThat(new Reply.Complete(200, second.headers(), new byte[0], null).headers()).isSameAs(second.headers());
    }

    @Test
    void withHeadersSetsEachPairInOrderAndRefusesAnOddCount() {
        Reply.Streaming base = new Reply.Streaming(200, Map.of("X-Request-Id", "r1"), NOTHING);
        Reply.Streaming more = base.withHeaders("X-Switchboard-Target", "openai/gpt-4o", "x-switchboard-attempts", "2",
                "X-Request-Id", "r2");
        assertThat(more.headers()).containsExactly(Map.entry("x-request-id", "r2"),
                Map.entry("x-switchboard-target", "openai/gpt-4o"), Map.entry("x-switchboard-attempts", "2"));
        assertThat(base.headers()).containsExactly(Map.entry("x-request-id", "r1"));
        assertThat(more.body()).isSameAs(base.body());
        assertThatThrownBy(() -> base.withHeaders("x-lonely")).isInstanceOf(IllegalArgumentException.class);
    }
}
