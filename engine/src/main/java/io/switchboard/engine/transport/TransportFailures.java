package io.switchboard.engine.transport;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import java.util.concurrent.TimeoutException;

/** Maps I/O failures toward an upstream to neutral errors: a timeout is 504, anything else 502. */
final class TransportFailures {
    private TransportFailures() {}

    static ProviderException toProviderException(Throwable failure, String provider) {
        if (failure instanceof ProviderException pe) return pe;
        if (failure instanceof TimeoutException || failure instanceof ConnectTimeoutException) {
            return new ProviderException(ProviderError.of(ErrorKind.TIMEOUT,
                    "upstream " + provider + " did not answer in time"), failure);
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY,
                "upstream " + provider + " failed: " + reason), failure);
    }
}
