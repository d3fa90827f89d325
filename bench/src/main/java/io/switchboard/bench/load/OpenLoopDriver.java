package io.switchboard.bench.load;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The open-loop load generator, for what wrk cannot do: a fixed request rate whatever the server's speed, the
 * time to the first SSE event, and thousands of long streams held open at once. A pacer thread wakes at each
 * request's intended send time and hands it to one Vert.x event loop, which owns the connections, the
 * histograms and the counters (so they need no locks). It runs inside the harness JVM; the servers' CPU and
 * memory are measured from /proc, so its own work is never counted against them.
 */
final class OpenLoopDriver implements AutoCloseable {
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final Context loop;

    /** @param maxConnections HTTP/1.1 connections per target (a stream holds one for its whole life) */
    OpenLoopDriver(int maxConnections) {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(10_000)
                        .setKeepAliveTimeout(120),
                new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
        loop = vertx.getOrCreateContext();
    }

    /**
     * Sends {@code count} requests at {@code ratePerSecond}, then waits up to {@code drain} for the last answers.
     *
     * @param maxInFlight requests allowed open at once; beyond it a request is dropped and counted, so a target
     *                    that cannot keep up ends the run with errors instead of an ever-growing queue
     */
    DriverResult run(Target target, String body, boolean stream, double ratePerSecond, long count, int maxInFlight,
                     Duration requestTimeout, Duration drain) throws InterruptedException {
        Run run = new Run(target, Buffer.buffer(body), stream, requestTimeout.toMillis());
        long dropped = pace(run, ratePerSecond, count, maxInFlight);
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (run.inFlight.get() > 0 && System.nanoTime() < drainUntil) Thread.sleep(5);
        return snapshot(run, count, dropped);
    }

    /**
     * Opens {@code streams} streams at {@code openPerSecond} and returns once all of them have received their
     * first event (or {@code openTimeout} has passed); they stay open until {@link HeldStreams#cancel()}.
     */
    HeldStreams open(Target target, String body, int streams, double openPerSecond, Duration openTimeout)
            throws InterruptedException {
        Run run = new Run(target, Buffer.buffer(body), true, TimeUnit.MINUTES.toMillis(2));
        long dropped = pace(run, openPerSecond, streams, streams);
        long until = run.start + openTimeout.toNanos();
        // Wait while some stream is still waiting for its first event (failed ones have left inFlight).
        while (run.inFlight.get() > run.open && System.nanoTime() < until) Thread.sleep(10);
        return new HeldStreams(run, streams, dropped);
    }

    /** Streams held open by {@link #open}. */
    final class HeldStreams {
        private final Run run;
        private final long scheduled;
        private final long dropped;

        private HeldStreams(Run run, long scheduled, long dropped) {
            this.run = run;
            this.scheduled = scheduled;
            this.dropped = dropped;
        }

        /** The counts so far; {@code unfinished} are the streams that never got their first event. */
        DriverResult snapshot() throws InterruptedException { return OpenLoopDriver.this.snapshot(run, scheduled, dropped); }

        /** Resets every stream still open (the harness ending them, not an error), and waits for them to go. */
        void cancel() throws InterruptedException {
            loop.runOnContext(v -> List.copyOf(run.live).forEach(Run.Exchange::reset));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (run.inFlight.get() > 0 && System.nanoTime() < until) Thread.sleep(10);
        }
    }

    /** Hands each request to the loop at its intended send time; returns how many were dropped. */
    private static long pace(Run run, double ratePerSecond, long count, int maxInFlight) {
        long interval = (long) (1e9 / ratePerSecond);
        long dropped = 0;
        for (long i = 0; i < count; i++) {
            long intended = run.start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (run.inFlight.get() >= maxInFlight) {
                dropped++;
                continue;
            }
            run.inFlight.incrementAndGet();
            run.loop().runOnContext(v -> run.send(intended));
        }
        return dropped;
    }

    /** Reads the loop-owned state on the loop, so the numbers are complete and visible to this thread. */
    private DriverResult snapshot(Run run, long scheduled, long dropped) throws InterruptedException {
        CompletableFuture<DriverResult> result = new CompletableFuture<>();
        loop.runOnContext(v -> {
            run.closed = true; // answers that arrive from now on are not counted
            double elapsed = (System.nanoTime() - run.start) / 1e9;
            result.complete(new DriverResult(scheduled, run.ok, run.non2xx, run.failed, run.incomplete, dropped,
                    run.inFlight.get() - run.open, run.latency.copy(), run.ttft.copy(), run.maxOpen, run.open, elapsed));
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the driver's event loop did not answer", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the harness is exiting anyway
        }
    }

    /** One run's state, touched only on the event loop (except {@link #inFlight} and {@link #open}, read by the pacer). */
    private final class Run {
        final AtomicInteger inFlight = new AtomicInteger();
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final Histogram ttft = new Histogram(HIGHEST_NANOS, 3);
        final Set<Exchange> live = new HashSet<>();
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        final RequestOptions options;
        final MultiMap headers;
        final Buffer body;
        final boolean stream;
        long ok, non2xx, failed, incomplete;
        volatile int open;
        int maxOpen;
        boolean closed;

        Run(Target target, Buffer body, boolean stream, long timeoutMs) {
            this.body = body;
            this.stream = stream;
            this.options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(target.port())
                    .setURI("/v1/chat/completions").setIdleTimeout(timeoutMs);
            this.headers = HttpHeaders.headers().add(HttpHeaders.CONTENT_TYPE, "application/json");
            target.headers().forEach(headers::add);
        }

        Context loop() { return loop; }

        void send(long intended) {
            Exchange x = new Exchange(intended);
            live.add(x);
            client.request(options).onComplete(ar -> {
                if (ar.failed()) {
                    x.fail();
                    return;
                }
                x.request = ar.result();
                x.request.headers().addAll(headers);
                x.request.send(body).onComplete(rr -> {
                    if (rr.failed()) x.fail();
                    else x.read(rr.result());
                });
            });
        }

        /** One request; its outcome is counted exactly once. */
        private final class Exchange {
            final long intended;
            final SseWatcher sse = stream ? new SseWatcher() : null;
            HttpClientRequest request;
            boolean finished, opened;
            int status;

            Exchange(long intended) { this.intended = intended; }

            void read(HttpClientResponse response) {
                status = response.statusCode();
                response.exceptionHandler(e -> fail());
                response.handler(chunk -> {
                    if (sse == null || status != 200 || finished) return;
                    byte[] bytes = chunk.getBytes();
                    if (sse.feed(bytes, 0, bytes.length)) {
                        if (!closed) ttft.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - intended));
                        opened = true;
                        open++;
                        maxOpen = Math.max(maxOpen, open);
                    }
                });
                response.endHandler(v -> end(System.nanoTime()));
            }

            void end(long now) {
                if (finished) return;
                finished = true;
                leave();
                if (closed) return;
                if (status < 200 || status > 299) non2xx++;
                else if (sse != null && !sse.sawDone()) incomplete++;
                else {
                    ok++;
                    latency.recordValue(Math.min(HIGHEST_NANOS, now - intended));
                }
            }

            void fail() {
                if (finished) return;
                finished = true;
                leave();
                if (!closed) failed++;
            }

            void reset() {
                if (request != null) request.reset();
                else fail();
            }

            private void leave() {
                live.remove(this);
                if (opened) open--;
                inFlight.decrementAndGet();
            }
        }
    }
}
