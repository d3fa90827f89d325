package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AnswerUsageTest {
    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void theSecondReadOfTheSameBodyIsTheSameNode() {
        byte[] body = utf8("{\"id\":\"x\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5}}");
        var first = AnswerUsage.of(body);
        assertThat(first.path("prompt_tokens").asLong()).isEqualTo(7);
        assertThat(AnswerUsage.of(body)).isSameAs(first);
    }

    @Test
    void anEqualButDistinctBodyIsReadAfresh() {
        // Identity, not equality: a pooled or reused array with new content must never get the old answer.
        byte[] a = utf8("{\"usage\":{\"total_tokens\":3}}");
        byte[] b = a.clone();
        var fromA = AnswerUsage.of(a);
        var fromB = AnswerUsage.of(b);
        assertThat(fromB).isNotSameAs(fromA).isEqualTo(fromA);
    }

    @Test
    void aBodyWithoutUsageIsRememberedAsNone() {
        byte[] none = utf8("{\"id\":\"x\"}");
        assertThat(AnswerUsage.of(none)).isNull();
        assertThat(AnswerUsage.of(none)).isNull();
        assertThat(AnswerUsage.of(utf8("not json"))).isNull();
        assertThat(AnswerUsage.of(null)).isNull();
    }

    @Test
    void anotherThreadReadsTheBodyItself() throws Exception {
        byte[] body = utf8("{\"usage\":{\"total_tokens\":9}}");
        var here = AnswerUsage.of(body);
        var there = CompletableFuture.supplyAsync(() -> AnswerUsage.of(body), Thread::startVirtualThread).get();
        assertThat(there).isNotSameAs(here);
        assertThat(there.path("total_tokens").asLong()).isEqualTo(9);
    }
}
