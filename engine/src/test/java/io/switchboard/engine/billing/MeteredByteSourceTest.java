package io.switchboard.engine.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.sse.SseWriter;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.providers.WireFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metering reads usage events as they pass and keeps the chunks by reference: a stream that ends without a
 * usage is billed for the text of all of them, however the chunks split its events and however long it is
 * (longer than the blocks its text is counted in, here), and every byte reaches the client untouched.
 */
class MeteredByteSourceTest {
    private static final String MODEL = "gpt-4o-mini";
    private static final Target TARGET = new Target("openai", MODEL);

    @TempDir
    Path dir;
    private Billing billing;

    @AfterEach
    void close() {
        if (billing != null) billing.close();
    }

    /** Hands the test's chunks to whatever sink starts it. */
    private static final class Chunks implements ByteSource {
        Sink sink;
        boolean cancelled;

        @Override
        public void start(Sink sink) { this.sink = sink; }

        @Override
        public void pause() { }

        @Override
        public void resume() { }

        @Override
        public void cancel() { cancelled = true; }
    }

    private MeteredByteSource metered(WireFormatId format, Chunks upstream) {
        billing = Billing.open(BillingConfig.DEFAULTS, dir, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
        Call call = Call.builder().clientFormat(format).requestId("req_metered").model(MODEL).stream(true).build();
        Estimate estimate = new Estimate(MODEL, 30, 100_000, false, Money.usd("0.01"), Money.usd("10"));
        Admission admission = new Admission(call, billing.book().reserve(Set.of(), estimate.worstCase()),
                Map.of(MODEL, estimate), estimate, null, false);
        return new MeteredByteSource(upstream, new Settlement(billing, admission, null, null, null), TARGET,
                billing.estimator(), WireFormats.of(format));
    }

    /** A long answer of words, some of them not ASCII, in {@code format}'s stream events, without or with a final usage. */
    private static byte[] stream(WireFormatId format, int words, Usage finalUsage, StringBuilder text) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.MessageStart("msg_1", MODEL, new Usage(30, 1, 0, 0, 0), 1_700_000_000L));
        events.add(new StreamEvent.TextStart(0));
        String[] vocabulary = {" lighthouse", " at", " dusk", " café", " 灯台", " \"usage\":{", " waves"};
        for (int i = 0; i < words; i++) {
            String word = vocabulary[i % vocabulary.length];
            text.append(word);
            events.add(new StreamEvent.TextDelta(0, word));
        }
        if (finalUsage != null) {
            events.add(new StreamEvent.PartStop(0));
            events.add(new StreamEvent.MessageStop(StopReason.END_TURN, null, finalUsage));
        }
        StreamEncoder encoder = WireFormats.of(format).newStreamEncoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamEvent e : events) {
            for (SseEvent wire : encoder.encode(e)) out.writeBytes(SseWriter.encode(wire));
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in chunks of random sizes, splitting events (and UTF-8 sequences) anywhere. */
    private static void feed(Chunks upstream, byte[] bytes, long seed) {
        Random random = new Random(seed);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
            upstream.sink.onData(Arrays.copyOfRange(bytes, at, at + n));
            at += n;
        }
    }

    private static ByteSource.Sink collecting(ByteArrayOutputStream passed) {
        return new ByteSource.Sink() {
            @Override
            public void onData(byte[] chunk) { passed.writeBytes(chunk); }

            @Override
            public void onEnd() { }

            @Override
            public void onError(Throwable failure) { }
        };
    }

    private SpendRecord settled() {
        billing.flush().join();
        List<SpendRecord> rows = billing.ledger().records(null, Instant.EPOCH, Instant.MAX);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void aLongStreamCutBeforeItsUsageIsBilledForAllItsTextWhateverTheChunking() {
        for (WireFormatId format : List.of(WireFormatId.OPENAI_CHAT, WireFormatId.ANTHROPIC_MESSAGES)) {
            StringBuilder text = new StringBuilder();
            byte[] sse = stream(format, 12_000, null, text);
            assertThat(sse.length).as("longer than a block of kept chunks").isGreaterThan(3 * 64 * 1024);
            Chunks upstream = new Chunks();
            MeteredByteSource metered = metered(format, upstream);
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            metered.start(collecting(passed));
            feed(upstream, sse, format.ordinal());
            upstream.sink.onError(new IOException("upstream reset"));

            assertThat(passed.toByteArray()).as("%s passes every byte untouched", format).isEqualTo(sse);
            SpendRecord row = settled();
            assertThat(row.usage().outputTokens()).as("%s output tokens", format)
                    .isEqualTo(billing.estimator().countTokens(MODEL, text.toString()));
            assertThat(row.usage().inputTokens()).isEqualTo(30);
            close();
        }
    }

    @Test
    void aStreamWithItsFinalUsageIsBilledFromItEvenWhenTheTextMentionsUsage() {
        Usage reported = new Usage(30, 4321, 0, 0, 0);
        Chunks upstream = new Chunks();
        MeteredByteSource metered = metered(WireFormatId.OPENAI_CHAT, upstream);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        metered.start(collecting(passed));
        byte[] sse = stream(WireFormatId.OPENAI_CHAT, 500, reported, new StringBuilder());
        feed(upstream, sse, 7);
        upstream.sink.onEnd();

        assertThat(passed.toByteArray()).isEqualTo(sse);
        SpendRecord row = settled();
        assertThat(row.usage().outputTokens()).isEqualTo(4321);
        assertThat(row.usage().inputTokens()).isEqualTo(30);
    }

    @Test
    void aClientThatGoesAwayIsBilledForTheTextBeforeItLeftAndTheUpstreamIsReleased() {
        Chunks upstream = new Chunks();
        MeteredByteSource metered = metered(WireFormatId.OPENAI_CHAT, upstream);
        metered.start(collecting(new ByteArrayOutputStream()));
        StringBuilder text = new StringBuilder();
        feed(upstream, stream(WireFormatId.OPENAI_CHAT, 40, null, text), 3);
        metered.cancel();

        assertThat(upstream.cancelled).isTrue();
        assertThat(settled().usage().outputTokens()).isEqualTo(billing.estimator().countTokens(MODEL, text.toString()))
                .isPositive();
    }
}
