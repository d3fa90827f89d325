package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GenerationCacheTest {
    private static final String MODEL = "gpt-4o";

    private static GenerationCache.Continuation value(String text) {
        return new GenerationCache.Continuation(text, List.of(text), new int[] {1}, 1, 1);
    }

    private static GenerationCache.Key key(String prompt) {
        return new GenerationCache.Key(MODEL, prompt, "");
    }

    @Test
    void computesOnceAndServesRepeatsFromTheCache() {
        GenerationCache cache = new GenerationCache(10, 1_000_000);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            GenerationCache.Continuation c = cache.get(key("p"), () -> {
                computed.incrementAndGet();
                return value("answer");
            });
            assertThat(c.text()).isEqualTo("answer");
        }
        assertThat(computed).hasValue(1);
        cache.get(new GenerationCache.Key(MODEL, "p", "prefix"), () -> value("other"));
        cache.get(new GenerationCache.Key("claude-sonnet-4-5", "p", ""), () -> value("other"));
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void entryBoundEvictsTheLeastRecentlyUsed() {
        GenerationCache cache = new GenerationCache(3, 1_000_000);
        for (String p : List.of("a", "b", "c")) cache.get(key(p), () -> value(p));
        cache.get(key("a"), () -> value("recomputed")); // touch a: b is now the eldest
        cache.get(key("d"), () -> value("d"));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(key("a"), () -> value("recomputed")).text()).isEqualTo("a");
        assertThat(cache.get(key("b"), () -> value("recomputed")).text()).isEqualTo("recomputed");
    }

    @Test
    void characterBoundLimitsMemoryAndOversizedPromptsAreNeverKept() {
        GenerationCache cache = new GenerationCache(1000, 2_000);
        for (int i = 0; i < 100; i++) cache.get(key("prompt " + i + "x".repeat(100)), () -> value("t".repeat(100)));
        assertThat(cache.chars()).isLessThanOrEqualTo(2_000);
        assertThat(cache.size()).isBetween(1, 10);

        GenerationCache roomy = new GenerationCache(10, Long.MAX_VALUE);
        String huge = "y".repeat(GenerationCache.MAX_CACHED_PROMPT_CHARS + 1);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 3; i++) roomy.get(key(huge), () -> value("v" + computed.incrementAndGet()));
        assertThat(computed).hasValue(3);
        assertThat(roomy.size()).isZero();
    }

    @Test
    void aTinyCacheGivesTheSameGenerationsAsAFreshGenerator() {
        TextGenerator cached = new TextGenerator(11, new GenerationCache(4, 1_000_000));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                String prompt = "question " + i;
                int max = 5 + 7 * i;
                assertThat(cached.generate(MODEL, prompt, "", max))
                        .isEqualTo(new TextGenerator(11).generate(MODEL, prompt, "", max));
            }
        }
    }

    @Test
    void concurrentUseStaysWithinBoundsAndAnswersCorrectly() throws Exception {
        GenerationCache cache = new GenerationCache(50, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String p = "p" + ((i * 31 + seed) % 120);
                        if (!cache.get(key(p), () -> value("v" + p)).text().equals("v" + p)) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }
}
