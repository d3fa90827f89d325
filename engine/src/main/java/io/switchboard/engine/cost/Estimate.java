package io.switchboard.engine.cost;

/**
 * The worst case of one call before it is made: at most {@code inputTokens} in and {@code outputTokens} out,
 * costing at most {@link #worstCase()}. {@code inputCost} assumes no cache hits, and cache writes at the
 * highest write price when the request asks for caching ({@code mayWriteCache}).
 */
public record Estimate(String model, long inputTokens, long outputTokens, boolean mayWriteCache,
                       Money inputCost, Money outputCost) {

    public Money worstCase() { return inputCost.plus(outputCost); }
}
