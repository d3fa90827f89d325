package io.switchboard.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link SimulatorStats}; every event loop records into the same instance. */
final class StatsRecorder {
    private final LongAdder total = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byModel = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byStatus = new ConcurrentHashMap<>();

    /** Records one answered (or dropped) request; {@code status} is a code or {@code "reset"}. */
    void record(String path, String model, String status) {
        total.increment();
        byPath.computeIfAbsent(path, k -> new LongAdder()).increment();
        if (model != null) byModel.computeIfAbsent(model, k -> new LongAdder()).increment();
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    SimulatorStats snapshot() {
        return new SimulatorStats(total.sum(), copy(byPath), copy(byModel), copy(byStatus));
    }

    void reset() {
        total.reset();
        byPath.clear();
        byModel.clear();
        byStatus.clear();
    }

    private static Map<String, Long> copy(ConcurrentHashMap<String, LongAdder> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
