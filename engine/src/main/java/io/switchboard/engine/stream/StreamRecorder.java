package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormatId;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one stream's journal from the engine's reply: splits the client-format SSE bytes into frames and
 * appends each with an {@code id:} line. A frame already in the journal's form is appended as it came; only
 * others (and OpenAI Responses events, whose sequence numbers are read) are decoded. It keeps reading after the client went
 * away, so the client can resume, and pauses its source while a reader cannot keep up.
 */
final class StreamRecorder implements ByteSource.Sink, StreamLog.FlowControl {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);
    private static final String SEQUENCE_FIELD = "\"sequence_number\":";

    private final StreamJournal journal;
    private final StreamLog log;
    private final ByteSource source;
    private final Context context;
    private final boolean responses;
    private final SseParser parser = SseParser.frames(this::record);
    private boolean done;

    StreamRecorder(StreamJournal journal, StreamLog log, ByteSource source, Context context) {
        this.journal = journal;
        this.log = log;
        this.source = source;
        this.context = context;
        this.responses = log.format() == WireFormatId.OPENAI_RESPONSES;
    }

    void start() {
        log.flowControl(this);
        source.start(this);
    }

    @Override
    public void onData(byte[] chunk) {
        if (done) return;
        try {
            parser.feed(chunk, 0, chunk.length);
        } catch (RuntimeException e) {
            LOG.warn("stream {}: unreadable event from the engine, stream ended", log.id());
            done = true;
            source.cancel();
            log.finish(StreamLog.State.INTERRUPTED);
        }
    }

    @Override
    public void onEnd() {
        if (done) return;
        done = true;
        parser.end();
        log.finish(StreamLog.State.COMPLETE);
    }

    @Override
    public void onError(Throwable failure) {
        if (done) return;
        done = true;
        log.finish(StreamLog.State.INTERRUPTED);
    }

    private void record(SseParser.Frame frame) {
        long sequence = -1;
        if (responses) {
            SseEvent event = frame.event();
            sequence = sequenceNumber(event.data());
            if (log.responseId() == null && "response.created".equals(event.event())) {
                JsonNode data = Seam.parse(event.data());
                if (data != null) journal.bindResponse(log, data.path("response").path("id").asText(null));
            }
        }
        if (frame.canonical()) log.appendFramed(frame.bytes(), 0, frame.length(), sequence);
        else log.append(frame.event(), sequence);
    }

    /** The {@code sequence_number} of a Responses event without parsing the whole JSON; -1 if absent. */
    static long sequenceNumber(String data) {
        int at = data.indexOf(SEQUENCE_FIELD);
        if (at < 0) return -1;
        int i = at + SEQUENCE_FIELD.length();
        while (i < data.length() && data.charAt(i) == ' ') i++;
        long n = 0;
        int start = i;
        while (i < data.length() && Character.isDigit(data.charAt(i))) n = n * 10 + (data.charAt(i++) - '0');
        return i == start ? -1 : n;
    }

    @Override
    public void pauseProducer() { context.runOnContext(v -> source.pause()); }

    @Override
    public void resumeProducer() { context.runOnContext(v -> source.resume()); }
}
