package io.switchboard.engine.stream;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.ErrorReplies;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side resume (docs/streams.md). {@link #track} journals every streamed reply and gives the client a
 * reader of the journal instead of the engine's bytes: every event carries an {@code id:} (its index, the
 * resume token) and the reply carries {@value #STREAM_ID_HEADER}. A client that lost its connection comes back
 * with {@link #resume} ({@code GET /v1/streams/{id}} with {@code Last-Event-ID}) or, for OpenAI Responses,
 * {@link #resumeResponse} ({@code starting_after}), and gets exactly the events after that point, then the live
 * tail. Only the key that opened a stream may resume it; to anyone else it does not exist (404).
 */
public final class StreamResumeService {
    public static final String STREAM_ID_HEADER = "x-switchboard-stream-id";
    private static final Logger LOG = LoggerFactory.getLogger(StreamResumeService.class);

    private final StreamJournal journal;
    private final Vertx vertx;
    private final ErrorReplies errors;
    private final LongAdder resumes = new LongAdder();

    public StreamResumeService(StreamJournal journal, Vertx vertx, ErrorReplies errors) {
        this.journal = journal;
        this.vertx = vertx;
        this.errors = errors;
    }

    public StreamJournal journal() { return journal; }

    /** How many resume requests were served. */
    public long resumes() { return resumes.sum(); }

    /**
     * Journals {@code reply} when it is a successful stream and returns what the client should get: a reader of
     * the journal from the first event, with the stream id header. Anything else comes back unchanged.
     */
    public Reply track(Call call, Reply reply) {
        if (!(reply instanceof Reply.Streaming s) || s.status() / 100 != 2) return reply;
        StreamLog log = journal.open(call.keyId(), call.clientFormat());
        Context current = Vertx.currentContext();
        new StreamRecorder(journal, log, s.body(), current != null ? current : vertx.getOrCreateContext()).start();
        return new Reply.Streaming(s.status(), s.headers(), new JournalReader(log, 0, vertx))
                .withHeader(STREAM_ID_HEADER, log.id());
    }

    /**
     * {@code GET /v1/streams/{streamId}}: the events after {@code lastEventId} (null or empty = from the start).
     *
     * @param errorFormat the error shape when the stream is unknown (a known stream answers in its own format)
     */
    public CompletionStage<Reply> resume(String streamId, String keyId, String lastEventId, WireFormatId errorFormat) {
        int from;
        try {
            from = lastEventId == null || lastEventId.isBlank() ? 0 : Math.addExact(Integer.parseInt(lastEventId.strip()), 1);
            if (from < 0) throw new NumberFormatException();
        } catch (NumberFormatException | ArithmeticException e) {
            return CompletableFuture.completedFuture(errors.render(errorFormat, ProviderError.of(ErrorKind.INVALID_REQUEST,
                    "Last-Event-ID must be the id of an event of this stream (a non-negative integer)").withParam("Last-Event-ID")));
        }
        return journal.find(streamId).thenApply(found -> {
            if (found.isEmpty() || !found.get().ownedBy(keyId)) return notFound(errorFormat, "stream " + streamId);
            return serve(found.get(), from);
        });
    }

    /**
     * {@code GET /v1/responses/{responseId}?stream=true&starting_after=N} for a response this gateway streamed:
     * the events whose {@code sequence_number} is greater than {@code startingAfter} (-1 = all). Empty when the
     * gateway does not know the response, so the caller can relay the request upstream instead.
     */
    public CompletionStage<Optional<Reply>> resumeResponse(String responseId, String keyId, long startingAfter) {
        return journal.findByResponse(responseId).thenApply(found -> found.map(log -> log.ownedBy(keyId)
                ? serve(log, log.indexAfterSequence(startingAfter))
                : notFound(WireFormatId.OPENAI_RESPONSES, "response with id '" + responseId + "'")));
    }

    private Reply serve(StreamLog log, int from) {
        if (from < log.firstIndex()) {
            return errors.render(log.format(), ProviderError.of(ErrorKind.NOT_FOUND, "events of stream " + log.id()
                    + " after that point are no longer kept").withCode("stream_position_expired"));
        }
        resumes.increment();
        LOG.info("stream {} resumed from event {} ({} so far, {})", log.id(), from, log.endIndex(), log.state());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/event-stream; charset=utf-8");
        headers.put("cache-control", "no-cache");
        headers.put(STREAM_ID_HEADER, log.id());
        return new Reply.Streaming(200, headers, new JournalReader(log, from, vertx));
    }

    private Reply notFound(WireFormatId format, String what) {
        return errors.render(format, ProviderError.of(ErrorKind.NOT_FOUND, "No " + what + " found.").withCode("stream_not_found"));
    }
}
