package io.switchboard.engine.cost;

import java.util.Objects;

/**
 * What one call cost, line by line, for the resolved catalog {@code model}.
 * {@code input} covers only the uncached input tokens; {@code total} is the exact sum of the lines.
 */
public record Cost(String model, Money input, Money cachedInput, Money cacheWrite, Money output, boolean batch) {

    public Cost {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cachedInput, "cachedInput");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(output, "output");
    }

    public Money total() { return input.plus(cachedInput).plus(cacheWrite).plus(output); }
}
