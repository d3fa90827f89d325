package io.switchboard.engine.cost;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;

/** The catalog has no price for a model and its {@link UnknownModelPolicy} is to refuse rather than guess. */
public final class UnknownModelException extends CostException {
    private final String model;

    public UnknownModelException(String model) {
        super("no price is configured for model '" + model + "', so its cost cannot be controlled");
        this.model = model;
    }

    public String model() { return model; }

    @Override
    public ProviderError toProviderError() {
        return ProviderError.of(ErrorKind.INVALID_REQUEST, getMessage()).withParam("model").withCode("model_not_priced");
    }
}
