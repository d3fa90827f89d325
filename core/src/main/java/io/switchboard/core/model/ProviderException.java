package io.switchboard.core.model;

/** Carries a {@link ProviderError} through code that fails by exception (decoding, validation). */
public final class ProviderException extends RuntimeException {
    private final ProviderError error;

    public ProviderException(ProviderError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ProviderException(ProviderError error, Throwable cause) {
        super(error.message(), cause, false, false);
        this.error = error;
    }

    public static ProviderException invalid(String message, String param) {
        return new ProviderException(ProviderError.of(ErrorKind.INVALID_REQUEST, message).withParam(param));
    }

    public ProviderError error() { return error; }
}
