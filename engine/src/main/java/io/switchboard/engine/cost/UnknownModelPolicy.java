package io.switchboard.engine.cost;

import java.util.Objects;

/**
 * What {@link PriceCatalog} does for a model it has no price for: refuse the call, or charge a configured
 * default price. There is deliberately no "free" option: an unpriced model must never slip past budgets.
 */
public sealed interface UnknownModelPolicy {

    /** Refuse with {@link UnknownModelException}. */
    record Refuse() implements UnknownModelPolicy {}

    /** Charge {@code price}, which must bill both input and output at a positive rate. */
    record DefaultPrice(ModelPrice price) implements UnknownModelPolicy {
        public DefaultPrice {
            Objects.requireNonNull(price, "price");
            if (price.input().signum() <= 0 || price.output().signum() <= 0) {
                throw new IllegalArgumentException("the default price for unknown models must not be free");
            }
        }
    }

    static UnknownModelPolicy refuse() { return new Refuse(); }

    static UnknownModelPolicy defaultPrice(ModelPrice price) { return new DefaultPrice(price); }
}
