package io.switchboard.engine.stream;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream event stream (in the upstream's format) that survives its connection: when the upstream breaks
 * off or stalls past the idle timeout before its final event, the {@link Seam} says how to continue, a
 * follow-up request is sent through the {@link StreamOpener}, and its events are stitched on so that whoever
 * reads this source sees one stream with no event twice and none missing. When no exact continuation is
 * possible, or every attempt failed, the stream ends with an error event in its format and a clean end.
 * Runs on the upstream connection's event loop; pause and resume reach whichever connection is current.
 */
final class RecoveringByteSource implements ByteSource {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveringByteSource.class);

    private final RecoveryRequest original;
    private final ByteSource first;
    private final StreamOpener opener;
    private final Seam seam;
    private final int maxAttempts;
    private final StreamRecoveryMetrics metrics;
    private final LongSupplier ticker;
    private final RecoveryTimers timers;
    private final long stallNanos;
    private Runnable stallTimer = () -> { };
    /** Events to pass on, framed only when their chunk cannot be forwarded as it came (rare). */
    private final List<SseEvent> pending = new ArrayList<>();
    /** Whether every event of the chunk being parsed was passed on exactly as it came. */
    private boolean passedAsIs;
    private Sink sink;
    private ByteSource current;
    private boolean paused;
    private boolean ended;
    private int attempts;
    private int breaks;
    private long lastByteAt;
    /** The last sign of life for stall detection: a byte, a new connection, or the consumer resuming. */
    private long activityAt;
    private long brokeAt = -1;
    private long gapFrom;

    RecoveringByteSource(RecoveryRequest original, ByteSource first, StreamOpener opener, Seam seam, int maxAttempts,
                         StreamRecoveryMetrics metrics, LongSupplier ticker, RecoveryTimers timers, Duration stallTimeout) {
        this.original = original;
        this.first = first;
        this.opener = opener;
        this.seam = seam;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
        this.ticker = ticker;
        this.timers = timers;
        this.stallNanos = stallTimeout.toNanos();
    }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
        lastByteAt = activityAt = ticker.getAsLong();
        attach(first);
        armStall(stallNanos);
    }

    /** One timer at a time, re-armed lazily for what is left since the last byte. */
    private void armStall(long delayNanos) {
        stallTimer = timers.schedule(Duration.ofNanos(Math.max(1_000_000, delayNanos)), this::checkStall);
    }

    private void checkStall() {
        if (ended) return;
        long now = ticker.getAsLong();
        // While the consumer holds the stream paused, or a follow-up request is on its way, silence is not a stall.
        if (paused || current == null) activityAt = now;
        long silent = now - activityAt;
        if (silent < stallNanos) {
            armStall(stallNanos - silent);
            return;
        }
        broke(current, new ProviderException(ProviderError.of(ErrorKind.TIMEOUT,
                "upstream " + original.provider() + " was silent for " + silent / 1_000_000 + " ms mid-stream")));
        if (!ended) armStall(stallNanos);
    }

    private void attach(ByteSource source) {
        current = source;
        activityAt = ticker.getAsLong();
        SseParser parser = new SseParser(this::onEvent);
        source.start(new Sink() {
            @Override
            public void onData(byte[] chunk) {
                if (source != current || ended) return;
                lastByteAt = activityAt = ticker.getAsLong();
                flush();
                boolean wholeFramesBefore = parser.atFrameBoundary();
                passedAsIs = true;
                try {
                    parser.feed(chunk, 0, chunk.length);
                } catch (RuntimeException e) {
                    broke(source, new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream sent an invalid stream event")));
                    return;
                }
                if (seam.failure() != null) {
                    giveUp(seam.failure());
                    return;
                }
                if (passedAsIs && wholeFramesBefore && parser.atFrameBoundary() && !ended) {
                    // Whole frames, every one passed on unchanged: forward the bytes rather than a re-framing of them.
                    pending.clear();
                    sink.onData(chunk);
                    return;
                }
                flush();
            }

            @Override
            public void onEnd() {
                if (source != current || ended) return;
                parser.end();
                if (seam.terminal()) finish();
                else broke(source, null);
            }

            @Override
            public void onError(Throwable failure) {
                if (source != current || ended) return;
                if (seam.terminal()) finish();
                else broke(source, failure);
            }
        });
        if (paused) source.pause();
    }

    private void onEvent(SseEvent event) {
        if (ended || seam.failure() != null) return;
        List<SseEvent> out = seam.accept(event);
        if (out.size() != 1 || out.get(0) != event) passedAsIs = false;
        if (out.isEmpty()) return;
        if (brokeAt >= 0) {
            long now = ticker.getAsLong();
            metrics.recovered(now - brokeAt, now - gapFrom);
            LOG.info("{} stream recovered from {}: {} ms after the break, gap {} ms, {} bytes deduplicated so far",
                    original.requestId(), original.provider(), (now - brokeAt) / 1_000_000, (now - gapFrom) / 1_000_000,
                    seam.dedupedBytes());
            brokeAt = -1;
        }
        pending.addAll(out);
    }

    /** The current upstream connection failed (or ended early): continue, or give up. */
    private void broke(ByteSource source, Throwable cause) {
        current = null;
        if (source != null) source.cancel();
        flush();
        if (ended) return;
        if (brokeAt < 0) {
            brokeAt = ticker.getAsLong();
            gapFrom = lastByteAt;
            breaks++;
            metrics.broke();
        }
        if (stopping(cause)) {
            giveUp(ProviderError.of(ErrorKind.UNAVAILABLE, "the upstream stream broke while the gateway is stopping: "
                    + reason(cause)).withCode(Seam.FAILED));
            return;
        }
        if (attempts >= maxAttempts) {
            giveUp(ProviderError.of(ErrorKind.BAD_GATEWAY, "the upstream stream broke and " + attempts
                    + " attempt(s) to continue it failed: " + reason(cause)).withCode(Seam.FAILED));
            return;
        }
        Continuation next = seam.next();
        if (next instanceof Continuation.Impossible impossible) {
            giveUp(impossible.error());
            return;
        }
        Continuation.Resend resend = (Continuation.Resend) next;
        attempts++;
        metrics.attempted();
        LOG.info("{} upstream stream from {} ({}) broke: {}; continuing (attempt {}, {} chars delivered)", original.requestId(),
                original.provider(), original.upstreamFormat(), reason(cause), attempts, seam.deliveredText().length());
        opener.open(resend.method(), resend.uri(), resend.headers(), resend.body()).whenComplete((next2, failure) -> {
            if (ended) {
                if (next2 != null) next2.cancel();
                return;
            }
            if (failure != null) broke(null, failure);
            else attach(next2);
        });
    }

    /** The transport refused the attempt because it is shutting down (a {@link RejectedExecutionException} in the chain). */
    private static boolean stopping(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) return true;
        }
        return false;
    }

    private void finish() {
        if (ended) return;
        ended = true;
        seam.forgetUnobserved();
        stallTimer.run();
        current = null;
        flush();
        metrics.deduped(seam.dedupedBytes());
        if (brokeAt >= 0 && breaks > 0) {
            // The continuation had nothing new to add (the break came right before the end).
            long now = ticker.getAsLong();
            metrics.recovered(now - brokeAt, now - gapFrom);
        }
        sink.onEnd();
    }

    private void giveUp(ProviderError error) {
        if (ended) return;
        ended = true;
        seam.forgetUnobserved();
        stallTimer.run();
        ByteSource source = current;
        current = null;
        if (source != null) source.cancel();
        metrics.failed();
        metrics.deduped(seam.dedupedBytes());
        LOG.warn("{} upstream stream from {} ended with {}: {}", original.requestId(), original.provider(), error.code(), error.message());
        pending.addAll(seam.errorEvents(error));
        flush();
        sink.onEnd();
    }

    private void flush() {
        if (pending.isEmpty()) return;
        StringBuilder framed = new StringBuilder();
        for (SseEvent e : pending) SseWriter.encode(e, framed);
        pending.clear();
        sink.onData(framed.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Throwable cause) {
        if (cause == null) return "the stream ended before its final event";
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        // The kind only: an upstream's message may quote the request.
        if (t instanceof ProviderException pe) return pe.error().kind() + (pe.error().code() == null ? "" : " " + pe.error().code());
        return t.getClass().getSimpleName();
    }

    @Override
    public void pause() {
        paused = true;
        if (current != null) current.pause();
    }

    @Override
    public void resume() {
        paused = false;
        activityAt = ticker.getAsLong();
        if (current != null) current.resume();
    }

    @Override
    public void cancel() {
        ended = true;
        stallTimer.run();
        ByteSource source = current;
        current = null;
        if (source != null) source.cancel();
    }
}
