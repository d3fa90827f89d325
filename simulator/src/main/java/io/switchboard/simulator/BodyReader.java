package io.switchboard.simulator;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects a request body up to a byte limit. A body over the limit (by {@code content-length} or as it
 * arrives) is refused through {@code tooLarge} without buffering the rest.
 */
final class BodyReader {
    private BodyReader() {}

    static void read(HttpServerRequest request, long limit, Handler<Buffer> onBody, Runnable tooLarge) {
        String declared = request.getHeader("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    request.pause();
                    tooLarge.run();
                    return;
                }
            } catch (NumberFormatException ignored) {
                // A bad content-length is Netty's to reject; fall through and count what arrives.
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) return;
            if ((long) body.length() + chunk.length() > limit) {
                over[0] = true;
                tooLarge.run();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> over[0] = true);
        request.endHandler(v -> {
            if (!over[0]) onBody.handle(body);
        });
    }
}
