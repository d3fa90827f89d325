package io.switchboard.engine;

import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.transport.WireFormatLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Renders neutral errors as complete replies in a client's wire format (status, body shape, retry hint). */
public final class ErrorReplies {
    private final WireFormatLookup formats;

    public ErrorReplies(WireFormatLookup formats) { this.formats = formats; }

    public Reply.Complete render(WireFormatId clientFormat, ProviderError error) {
        WireFormat format = formats.of(clientFormat);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (error.retryAfter() != null) {
            headers.put("retry-after", Long.toString(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)));
            headers.put("retry-after-ms", Long.toString(error.retryAfter().toMillis()));
        }
        return new Reply.Complete(format.statusFor(error), headers, EngineJson.bytes(format.encodeError(error)), error);
    }

    /** The neutral error behind a failure: its own for a {@link ProviderException}, a bare 500 otherwise. */
    public static ProviderError errorOf(Throwable failure) {
        if (causeOf(failure) instanceof ProviderException pe) return pe.error();
        return ProviderError.of(ErrorKind.SERVER_ERROR, "internal gateway error");
    }

    /** {@code failure} without the {@link CompletionException} wrappers a completion stage puts around it. */
    public static Throwable causeOf(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }
}
