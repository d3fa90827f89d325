package io.switchboard.engine.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/** A nano ticker and a timer wheel that move only when the test says so; due tasks run in order. */
public final class ManualTime implements LongSupplier, Timers {
    private record Scheduled(long due, long seq, Runnable task, boolean[] cancelled) {}

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now = 5_000_000_000L;
    private long seq;

    @Override
    public synchronized long getAsLong() { return now; }

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Scheduled(now + Math.max(0, delay.toNanos()), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            if (!next.cancelled[0]) next.task.run();
        }
    }

    /** Delays of the timers still pending, from now. */
    public synchronized List<Duration> pending() {
        List<Duration> out = new ArrayList<>();
        for (Scheduled s : queue) if (!s.cancelled[0]) out.add(Duration.ofNanos(s.due - now));
        out.sort(null);
        return out;
    }
}
