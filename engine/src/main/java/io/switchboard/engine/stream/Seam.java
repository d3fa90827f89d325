package io.switchboard.engine.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.DeltaEvents;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.engine.EngineJson;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a broken upstream stream and its continuation meet, for one wire format. While the first attempt
 * streams it watches what passes (the text delivered, the ids, whether anything but text was produced); after
 * a break it says how to continue ({@link #next}); while a continuation streams it drops what the client
 * already has and edits what must agree with the first attempt (ids, usage), so the client sees one stream.
 *
 * <p>Error codes it ends a stream with are part of the public protocol (docs/streams.md).
 */
abstract class Seam {
    /** No recovery attempt succeeded, or the provider refused the follow-up request. */
    static final String FAILED = "stream_recovery_failed";
    /** The stream held something that cannot be continued exactly (tool calls, thinking, several choices). */
    static final String UNSUPPORTED = "stream_recovery_unsupported";
    /** The regenerated text did not match what the client already has. */
    static final String DIVERGED = "stream_recovery_diverged";

    protected final RecoveryRequest original;
    /** The answer text the client has received so far. */
    protected final StringBuilder text = new StringBuilder();
    protected boolean deliveredAny;
    protected boolean terminal;
    protected boolean onlyText = true;
    protected long dedupedBytes;
    private ProviderError failure;
    /**
     * First-attempt events passed on but not yet looked at. Watching a first attempt only records (text, ids),
     * and almost every stream ends without a break, so plain deltas are kept by reference and parsed only when
     * a break needs what they hold: parsing every event as it passed was about a tenth of the gateway's CPU on
     * streams. Bounded, so a long stream is caught up in batches.
     */
    private final List<SseEvent> unobserved = new ArrayList<>();
    private long unobservedChars;
    private static final long MAX_UNOBSERVED_CHARS = 256 * 1024;

    Seam(RecoveryRequest original) { this.original = original; }

    /** The events to pass on for one upstream event (none when the client already has it). */
    final List<SseEvent> accept(SseEvent event) {
        if (continuing()) {
            catchUp();
            return observe(event);
        }
        if (deferrable(event)) {
            if (unobservedChars >= MAX_UNOBSERVED_CHARS) catchUp();
            unobserved.add(event);
            unobservedChars += event.data().length();
            deliveredAny = true;
            return List.of(event);
        }
        // Recording a first attempt is indifferent to the order of deferred and other events (only the deltas'
        // own order matters, and they stay in order), so the final event does not force the deferred ones.
        return observe(event);
    }

    /** Looks at one event now: records it (first attempt) or reconciles it with what the client has (continuation). */
    abstract List<SseEvent> observe(SseEvent event);

    /** Whether a continuation is streaming (as opposed to the first attempt). */
    abstract boolean continuing();

    /**
     * Whether a first-attempt event may be looked at later: it is passed on unchanged whatever it holds, is
     * certainly neither the final event nor an error (those must be seen at once), and recording it after events
     * that came behind it (other than deferred ones) records the same. The text-only deltas qualify.
     */
    boolean deferrable(SseEvent event) { return DeltaEvents.onlyText(original.upstreamFormat(), event); }

    /** Looks at the events kept for later, in order; what a first attempt's observation returns is already sent. */
    protected final void catchUp() {
        for (SseEvent e : unobserved) observe(e);
        forgetUnobserved();
    }

    /** Drops the events kept for later: the attempt they came from is being forgotten. */
    protected final void forgetUnobserved() {
        unobserved.clear();
        unobservedChars = 0;
    }

    /** After a break: the request that continues the stream, or why none can. */
    final Continuation next() {
        catchUp();
        return planContinuation();
    }

    /** {@link #next()} once every first-attempt event has been looked at. */
    abstract Continuation planContinuation();

    /** The events that end the stream with {@code error}, in this format. */
    abstract List<SseEvent> errorEvents(ProviderError error);

    /** Forgets everything observed: a resend of the original request starts over. */
    abstract void restart();

    /** Whether the upstream sent its final event (success or error). */
    final boolean terminal() { return terminal; }

    /** A continuation that turned out not to be exact: the stream must end with this error. */
    final ProviderError failure() { return failure; }

    final long dedupedBytes() { return dedupedBytes; }

    final String deliveredText() {
        catchUp();
        return text.toString();
    }

    protected final void fail(String code, String message) {
        failure = ProviderError.of(ErrorKind.BAD_GATEWAY, message).withCode(code);
        terminal = true;
    }

    /** Nothing reached the client yet, so the original request can simply be sent again. */
    protected final Continuation resendOriginal() {
        forgetUnobserved();
        restart();
        return new Continuation.Resend("POST", original.uri(), original.followUpHeaders(true), original.body());
    }

    protected final void dropped(SseEvent event) {
        dedupedBytes += event.data() == null ? 0 : event.data().length();
    }

    protected static ProviderError unsupported(String why) {
        return ProviderError.of(ErrorKind.BAD_GATEWAY, "the upstream stream broke and cannot be continued exactly: " + why)
                .withCode(UNSUPPORTED);
    }

    /** An event's data as JSON, or null. Read from the string itself: no byte copy per event. */
    static JsonNode parse(String data) {
        if (data == null || data.isEmpty()) return null;
        try {
            return EngineJson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static ObjectNode parseBody(byte[] body) {
        return EngineJson.parseOrNull(body) instanceof ObjectNode o ? o : null;
    }

    static String json(JsonNode node) {
        try {
            return EngineJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
