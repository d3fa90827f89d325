package io.switchboard.simulator;

import io.switchboard.simulator.openai.OpenAiWire;
import java.util.function.LongSupplier;

/**
 * Everything the server instances (one per event loop) share: configuration, wires, counters, the active
 * scenario and rate-limit windows. All members are thread-safe.
 */
final class SimulatorState {
    final SimulatorConfig config;
    final OpenAiWire openAi;
    final AnthropicWire anthropic;
    final StatsRecorder stats = new StatsRecorder();
    final ActiveScenario scenario;
    final RateLimiter limiter;
    /** Monotonic nanoseconds for latency pacing and {@code openai-processing-ms}. */
    final LongSupplier ticker;

    SimulatorState(SimulatorConfig config, LongSupplier ticker) {
        this.config = config;
        TextGenerator generator = new TextGenerator(config.seed());
        this.openAi = new OpenAiWire(generator, config.clock());
        this.anthropic = new AnthropicWire(generator);
        this.scenario = new ActiveScenario(config.clock(), config.randomSeed());
        this.scenario.set(config.scenario());
        this.limiter = new RateLimiter(config.rateLimits(), config.clock());
        this.ticker = ticker;
    }
}
