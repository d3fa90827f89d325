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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkheadTest {
    @Test
    void admitsUpToTheLimitThenRefuses() {
        Bulkhead bulkhead = new Bulkhead(2);
        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isFalse();
        assertThat(bulkhead.inFlight()).isEqualTo(2);
        bulkhead.release();
        assertThat(bulkhead.available()).isEqualTo(1);
        assertThat(bulkhead.tryAcquire()).isTrue();
    }

    @Test
    void releaseWithoutAcquireIsABug() {
        Bulkhead bulkhead = new Bulkhead(1);
        assertThatThrownBy(bulkhead::release).isInstanceOf(IllegalStateException.class);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> new Bulkhead(0)).hasMessageContaining("maxConcurrent").hasMessageContaining("0");
    }

    @Test
    void concurrentCallersNeverExceedTheLimit() throws Exception {
        int limit = 5;
        Bulkhead bulkhead = new Bulkhead(limit);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    if (!bulkhead.tryAcquire()) continue;
                    admitted.incrementAndGet();
                    int now = inside.incrementAndGet();
                    maxSeen.accumulateAndGet(now, Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                    bulkhead.release();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(maxSeen.get()).isLessThanOrEqualTo(limit);
        assertThat(admitted.get()).isPositive();
        assertThat(bulkhead.inFlight()).isZero();
    }
}
