package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Upstream-side stream recovery (docs/streams.md), called by the transport: {@link #prepareBody} adjusts a
 * streamed request so it can be resumed (OpenAI Responses: background mode), and {@link #wrap} turns the
 * upstream's event stream into one that continues itself when the connection breaks or stalls:
 * <ul>
 *   <li>OpenAI Responses: resume the background response after the last sequence number received;</li>
 *   <li>Anthropic Messages: ask again with the text so far as a trailing assistant message (a prefill);</li>
 *   <li>OpenAI Chat Completions: ask again unchanged and verify the regenerated text against what was sent.</li>
 * </ul>
 * The result is still in the upstream's format; translation to the client's format happens after it.
 */
public final class UpstreamRecovery {
    private final RecoverySettings settings;
    private final StreamRecoveryMetrics metrics;
    private final LongSupplier ticker;
    private final RecoveryTimers timers;
    private final Function<Call, Duration> idleTimeout;

    /**
     * @param timers      schedules stall checks on the stream's event loop
     * @param idleTimeout the idle timeout that applies to a call's attempts (the stall timeout defaults to half of it)
     */
    public UpstreamRecovery(RecoverySettings settings, StreamRecoveryMetrics metrics, LongSupplier nanoTicker,
                            RecoveryTimers timers, Function<Call, Duration> idleTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ticker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public StreamRecoveryMetrics metrics() { return metrics; }

    public RecoverySettings settings() { return settings; }

    /** The idle timeout of {@code call}'s attempts, which follow-up requests keep too. */
    public Duration idleTimeout(Call call) { return idleTimeout.apply(call); }

    /**
     * The body to send for {@code call}: a streamed OpenAI Responses request gets {@code background: true} (and
     * the {@code store: true} background mode needs) unless the client chose background or {@code store: false}
     * itself. Anything else is returned as is.
     */
    public byte[] prepareBody(Call call, WireFormatId upstreamFormat, byte[] body) {
        if (!settings.enabled() || !settings.responsesBackground() || upstreamFormat != WireFormatId.OPENAI_RESPONSES
                || !call.stream() || body == null) {
            return body;
        }
        if (!(EngineJson.parseOrNull(body) instanceof ObjectNode json)) return body;
        JsonNode store = json.get("store");
        if (json.has("background") || (store != null && !store.asBoolean(true))) return body;
        json.put("background", true);
        json.put("store", true);
        return EngineJson.bytes(json);
    }

    /**
     * {@code upstream} made recoverable, or {@code upstream} itself when recovery is off.
     *
     * @param call    the client's call (tells whether the client asked for background mode itself)
     * @param request what was sent, including the body {@link #prepareBody} returned
     * @param opener  sends follow-up requests to the same provider
     */
    public ByteSource wrap(Call call, RecoveryRequest request, ByteSource upstream, StreamOpener opener) {
        if (!settings.enabled() || settings.maxAttempts() == 0) return upstream;
        Seam seam = switch (request.upstreamFormat()) {
            case OPENAI_RESPONSES -> new ResponsesSeam(request, !clientAskedBackground(call));
            case ANTHROPIC_MESSAGES -> new MessagesSeam(request);
            case OPENAI_CHAT -> new ChatSeam(request);
        };
        Duration stall = settings.stallTimeout() != null ? settings.stallTimeout() : idleTimeout.apply(call).dividedBy(2);
        return new RecoveringByteSource(request, upstream, opener, seam, settings.maxAttempts(), metrics, ticker, timers, stall);
    }

    private static boolean clientAskedBackground(Call call) {
        return call.body() != null && call.body().path("background").asBoolean(false);
    }
}
