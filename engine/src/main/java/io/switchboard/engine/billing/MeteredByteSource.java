package io.switchboard.engine.billing;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.DeltaEvents;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.cost.CostEstimator;
import io.switchboard.engine.cost.Estimate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bills a streamed answer as it passes, without holding it back or buffering it: every chunk goes to the
 * client untouched, and a copy is parsed (client-format SSE) to keep the latest usage and the text produced so far.
 *
 * <p>Only events that may carry usage are decoded as they pass; the plain text deltas ({@link DeltaEvents}), most
 * of a stream, are recognised on their undecoded bytes. The chunks themselves are kept by reference (a sink may
 * keep what it is handed) and parsed again for their text only if the stream ends without a final usage, or in
 * blocks, so a long stream holds at most {@value #RETAINED_BYTES} bytes of them. Decoding every event as it
 * passed cost about a tenth of the gateway's CPU on streams, and decoding every event to keep it a twelfth of
 * a stream's allocation, for text that is almost never needed.
 *
 * <p>When the stream ends with a final usage event, the call is settled from it. When it ends any other way
 * (the upstream broke off, an error event, the client went away), it is settled for what was produced:
 * input as the provider reported it at the start of the stream, else the estimate's input tokens; output as
 * the tokens of the streamed text (answer, tool arguments and thinking) counted with the model's tokenizer
 * (a safety margin for Claude, whose tokenizer is not public). See {@code docs/cost.md}.
 */
final class MeteredByteSource implements ByteSource {
    private static final int COUNT_BLOCK_CHARS = 16 * 1024;
    private static final int RETAINED_BYTES = 64 * 1024;
    private final ByteSource upstream;
    private final Settlement settlement;
    private final Target target;
    private final CostEstimator estimator;
    private final WireFormatId format;
    /** Sees the events that may carry usage (all but plain deltas). */
    private final StreamDecoder usageDecoder;
    /** Sees every event, in order, when the text is needed. */
    private final StreamDecoder textDecoder;
    /** Chunks whose text is not counted yet, oldest first. */
    private final List<byte[]> retained = new ArrayList<>();
    private long retainedBytes;
    /** Parses the retained chunks again, only when their text is needed; made then. */
    private SseParser textParser;
    /** Text produced and not yet counted; counted in blocks so a long stream never accumulates in memory. */
    private final StringBuilder produced = new StringBuilder();
    private long producedTokens;
    private final SseParser parser = SseParser.frames(this::observe);
    private Usage startUsage = Usage.ZERO;
    private Usage finalUsage;
    private boolean parseFailed;
    private boolean finished;

    MeteredByteSource(ByteSource upstream, Settlement settlement, Target target, CostEstimator estimator, WireFormat client) {
        this.upstream = upstream;
        this.settlement = settlement;
        this.target = target;
        this.estimator = estimator;
        this.format = client.id();
        this.usageDecoder = client.newStreamDecoder();
        this.textDecoder = client.newStreamDecoder();
    }

    @Override
    public void start(Sink sink) {
        upstream.start(new Sink() {
            @Override
            public void onData(byte[] chunk) {
                meter(chunk);
                sink.onData(chunk);
            }

            @Override
            public void onEnd() {
                finish();
                sink.onEnd();
            }

            @Override
            public void onError(Throwable failure) {
                finish();
                sink.onError(failure);
            }
        });
    }

    private synchronized void meter(byte[] chunk) {
        if (parseFailed) return;
        try {
            parser.feed(chunk, 0, chunk.length);
        } catch (RuntimeException e) {
            // Metering must never break the client's stream; what was seen so far still bills.
            parseFailed = true;
            return;
        }
        retained.add(chunk);
        retainedBytes += chunk.length;
        if (retainedBytes >= RETAINED_BYTES) decodeText();
    }

    private void observe(SseParser.Frame frame) {
        if (DeltaEvents.onlyText(format, frame.name(), frame.data(), frame.dataLength())) return;
        for (StreamEvent e : usageDecoder.decode(frame.event())) {
            switch (e) {
                case StreamEvent.MessageStart s -> startUsage = s.usage();
                case StreamEvent.MessageStop stop -> finalUsage = stop.usage();
                default -> { }
            }
        }
    }

    /** Parses the kept chunks again, feeding every event to the text decoder, and counts what they produced. */
    private void decodeText() {
        try {
            if (textParser == null) textParser = new SseParser(this::countText);
            for (byte[] chunk : retained) textParser.feed(chunk, 0, chunk.length);
        } catch (RuntimeException e) {
            parseFailed = true; // what was counted so far still bills
        } finally {
            dropRetained();
        }
    }

    private void countText(SseEvent event) {
        for (StreamEvent e : textDecoder.decode(event)) {
            switch (e) {
                case StreamEvent.TextDelta d -> produce(d.text());
                case StreamEvent.ToolArgumentsDelta d -> produce(d.partialJson());
                case StreamEvent.ThinkingDelta d -> produce(d.text());
                default -> { }
            }
        }
    }

    private void dropRetained() {
        retained.clear();
        retainedBytes = 0;
    }

    private void produce(String text) {
        produced.append(text);
        if (produced.length() >= COUNT_BLOCK_CHARS) {
            producedTokens += estimator.countTokens(target.model(), produced.toString());
            produced.setLength(0);
        }
    }

    /**
     * Settles once: from the final usage when the stream delivered one, else for what was produced. Runs on
     * the upstream's thread (end, error) or the client's (cancel), hence the lock; it only does arithmetic.
     */
    private synchronized void finish() {
        // A cancel is usually followed by the upstream's end or error; counting the text again would be wasted.
        if (finished) return;
        finished = true;
        if (finalUsage != null && finalUsage.totalTokens() > 0) {
            // The kept deltas are not needed; dropped now, since whoever still holds this source (a resumable
            // journal entry, for minutes) would keep them too.
            dropRetained();
            settlement.settle(target, finalUsage, true);
            return;
        }
        decodeText();
        Estimate estimate = settlement.estimateFor(target.model());
        long input = startUsage.inputTokens() > 0 ? startUsage.inputTokens() : estimate.inputTokens();
        long output = producedTokens + estimator.countTokens(target.model(), produced.toString());
        settlement.settle(target, new Usage(input, output, startUsage.cachedInputTokens(), startUsage.cacheWriteTokens(), 0), false);
    }

    @Override
    public void pause() { upstream.pause(); }

    @Override
    public void resume() { upstream.resume(); }

    /** The client went away: the upstream stops, and what it produced until now is billed. */
    @Override
    public void cancel() {
        upstream.cancel();
        finish();
    }
}
