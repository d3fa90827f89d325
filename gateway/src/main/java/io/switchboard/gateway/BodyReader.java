package io.switchboard.gateway;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects a request body up to a limit. A declared {@code Content-Length} over the limit is refused before
 * a byte is read; a chunked body is refused as soon as it crosses the limit, so an oversized upload never
 * sits in memory.
 */
final class BodyReader {
    private BodyReader() {}

    /** Must be called in the request handler's tick, before the body starts arriving. */
    static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBytes) return Future.failedFuture(tooLarge(maxBytes));
            } catch (NumberFormatException e) {
                return Future.failedFuture(ProviderException.invalid("invalid Content-Length header", null));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) return;
            if ((long) body.length() + chunk.length() > maxBytes) promise.tryFail(tooLarge(maxBytes));
            else body.appendBuffer(chunk);
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        return promise.future();
    }

    private static ProviderException tooLarge(long maxBytes) {
        return new ProviderException(ProviderError.of(ErrorKind.REQUEST_TOO_LARGE,
                "Request body is larger than this gateway accepts (" + maxBytes + " bytes).").withCode("request_too_large"));
    }
}
