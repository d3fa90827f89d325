package io.switchboard.engine.cost;

import io.switchboard.core.model.ProviderError;

/**
 * Root of the refusals raised by cost control. Each converts to the neutral error the gateway answers
 * with, in whichever wire format the client spoke. Stack traces are not filled: these are expected
 * outcomes on the request path, not bugs, and must stay cheap.
 */
public abstract sealed class CostException extends RuntimeException permits BudgetExceeded, UnknownModelException {

    protected CostException(String message) { super(message, null, false, false); }

    /** The error to answer the client with. Never contains an API key. */
    public abstract ProviderError toProviderError();
}
