package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PerTargetTest {
    @Test
    void oneInstancePerTargetEvenUnderContention() throws Exception {
        AtomicInteger created = new AtomicInteger();
        PerTarget<Bulkhead> bulkheads = new PerTarget<>(target -> {
            created.incrementAndGet();
            return new Bulkhead(target.length());
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Bulkhead>> got = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            got.add(pool.submit(() -> {
                start.await();
                return bulkheads.get("anthropic/claude");
            }));
        }
        start.countDown();
        Bulkhead first = got.getFirst().get(10, TimeUnit.SECONDS);
        for (Future<Bulkhead> f : got) assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
        pool.shutdown();
        assertThat(created.get()).isEqualTo(1);
        assertThat(first.maxConcurrent()).isEqualTo("anthropic/claude".length());
    }

    @Test
    void targetsAreSeparate() {
        PerTarget<Bulkhead> bulkheads = new PerTarget<>(target -> new Bulkhead(1));
        assertThat(bulkheads.peek("a")).isEmpty();
        Bulkhead a = bulkheads.get("a");
        assertThat(a).isNotSameAs(bulkheads.get("b"));
        assertThat(bulkheads.get("a")).isSameAs(a);
        assertThat(bulkheads.peek("a")).containsSame(a);
        assertThat(bulkheads.targets()).containsExactlyInAnyOrder("a", "b");
    }
}
