package io.switchboard.engine.transport;

import io.switchboard.core.chain.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One upstream exchange as a {@link CompletableFuture} that can be cancelled: cancelling it (an attempt
 * timeout above the transport gave up) resets the HTTP request, so the upstream stops working for nobody
 * and the connection or HTTP/2 stream is freed; a reply that arrives after the cancel is dropped and its
 * stream cancelled.
 */
final class CancellableExchange {
    private final CompletableFuture<Reply> result = new CompletableFuture<>();
    private volatile HttpClientRequest request;

    private CancellableExchange() {
        result.whenComplete((reply, failure) -> {
            HttpClientRequest r = request;
            if (result.isCancelled() && r != null) r.reset();
        });
    }

    /** Runs {@code exchange} on the request {@code opening} yields. */
    static CompletableFuture<Reply> run(Future<HttpClientRequest> opening, Function<HttpClientRequest, Future<Reply>> exchange) {
        CancellableExchange e = new CancellableExchange();
        opening.compose(r -> {
            e.request = r;
            if (e.result.isCancelled()) {
                r.reset();
                return Future.failedFuture("cancelled");
            }
            return exchange.apply(r);
        }).onComplete(ar -> {
            if (ar.failed()) {
                e.result.completeExceptionally(ar.cause());
            } else if (!e.result.complete(ar.result()) && ar.result() instanceof Reply.Streaming s) {
                s.body().cancel();
            }
        });
        return e.result;
    }
}
