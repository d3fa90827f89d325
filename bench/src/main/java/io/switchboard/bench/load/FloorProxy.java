package io.switchboard.bench.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor a proxy on this machine cannot go below: a bare Vert.x pass-through with no policy, no parsing and no
 * ledger, built on the same transport as the gateway (Netty epoll, one server and one h2c upstream client per
 * event loop, TCP_NODELAY). Measured beside Switchboard ({@code --floor}), it splits an added latency or a CPU
 * per request into what any Vert.x proxy pays on this host (wake-ups, a second hop over loopback) and what
 * Switchboard's own work adds. Not a product: it forwards the method, path, body and the headers a chat call
 * needs, and streams the answer back as it comes.
 *
 * <p>{@code java -cp benchmarks.jar io.switchboard.bench.load.FloorProxy PORT UPSTREAM_PORT [H2_CONNECTIONS]}
 */
public final class FloorProxy {
    private static final List<CharSequence> FORWARDED = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE);

    private final Vertx vertx;
    private final int port;
    private final AtomicLong unhandled;

    private FloorProxy(Vertx vertx, int port, AtomicLong unhandled) {
        this.vertx = vertx;
        this.port = port;
        this.unhandled = unhandled;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: FloorProxy PORT UPSTREAM_PORT [H2_CONNECTIONS]");
            System.exit(2);
        }
        start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 4);
        System.err.println("floor proxy listening on 127.0.0.1:" + args[0]);
    }

    /** Starts one server per event loop on {@code port} (0: any); returns once listening. */
    static FloorProxy start(int port, int upstreamPort, int h2Connections) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        AtomicLong unhandled = new AtomicLong();
        // Counted rather than logged one stack trace each: a bug here would otherwise skew the floor's CPU unseen.
        vertx.exceptionHandler(e -> {
            if (unhandled.getAndIncrement() == 0) System.err.println("floor proxy: unhandled exception: " + e);
        });
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        // Instances share a listening socket only when they ask for the same port; -1 shares one random port.
        int requested = port == 0 ? -1 : port;
        AtomicInteger bound = new AtomicInteger();
        vertx.deployVerticle(() -> new Loop(requested, upstreamPort, h2Connections, bound), new DeploymentOptions().setInstances(instances))
                .await();
        return new FloorProxy(vertx, bound.get(), unhandled);
    }

    /** Exceptions that escaped a handler: none, or the floor is doing work a bare proxy would not. */
    long unhandledExceptions() { return unhandled.get(); }

    void close() { vertx.close().await(); }

    /** One event loop's server and its own upstream pool, so no frame hops between loops. */
    private static final class Loop extends AbstractVerticle {
        private final int port;
        private final int upstreamPort;
        private final int h2Connections;
        private final AtomicInteger bound;
        private HttpClient upstream;

        Loop(int port, int upstreamPort, int h2Connections, AtomicInteger bound) {
            this.port = port;
            this.upstreamPort = upstreamPort;
            this.h2Connections = h2Connections;
            this.bound = bound;
        }

        @Override
        public void start(Promise<Void> started) {
            upstream = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false).setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp2MaxSize(h2Connections).setMaxWaitQueueSize(-1));
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                    .setHttp2ClearTextEnabled(true).setTcpNoDelay(true).setCompressionSupported(false));
            // listen(port, host): HttpServerOptions.setPort refuses the negative "shared random port".
            server.requestHandler(this::forward).listen(port, "127.0.0.1").onSuccess(s -> bound.set(s.actualPort())).<Void>mapEmpty()
                    .onComplete(started);
        }

        private void forward(HttpServerRequest in) {
            HttpServerResponse out = in.response();
            in.body().compose(body -> upstream.request(new RequestOptions().setMethod(in.method()).setHost("127.0.0.1")
                    .setPort(upstreamPort).setURI(in.uri())).compose(req -> {
                        for (CharSequence h : FORWARDED) {
                            String v = in.getHeader(h);
                            if (v != null) req.putHeader(h, v);
                        }
                        // A client that goes away takes its upstream stream with it.
                        out.closeHandler(v -> req.reset());
                        return send(req, body, out);
                    }))
                    .onFailure(e -> {
                        if (out.closed()) return;
                        if (!out.headWritten()) out.setStatusCode(502).end();
                        else out.reset();
                    });
        }

        private static Future<Void> send(HttpClientRequest req, Buffer body, HttpServerResponse out) {
            return req.send(body).compose(answer -> {
                out.setStatusCode(answer.statusCode());
                String type = answer.getHeader(HttpHeaders.CONTENT_TYPE);
                if (type != null) out.putHeader(HttpHeaders.CONTENT_TYPE, type);
                String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null) out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
                else out.setChunked(true);
                // Not pipeTo: a pipe still asks a response the client has reset whether its queue is full, and
                // Vert.x throws for that (seen as hundreds of unhandled exceptions after the hold test's resets).
                Promise<Void> done = Promise.promise();
                answer.handler(chunk -> {
                    if (out.closed()) return;
                    out.write(chunk);
                    if (out.writeQueueFull()) {
                        answer.pause();
                        out.drainHandler(v -> answer.resume());
                    }
                });
                answer.exceptionHandler(done::tryFail);
                answer.endHandler(v -> {
                    if (!out.closed()) out.end();
                    done.tryComplete();
                });
                return done.future();
            });
        }
    }

    /** The port the servers share. */
    int port() { return port; }
}
