package io.switchboard.gateway;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.stream.StreamRecoveryMetrics;
import io.switchboard.engine.stream.StreamResumeService;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway side of stream recovery (docs/streams.md): every streamed answer is journaled on its way out
 * ({@link #handle}), and two GET endpoints resume one:
 * <ul>
 *   <li>{@code GET /v1/streams/{stream-id}} with the SSE {@code Last-Event-ID} header, for any format;</li>
 *   <li>{@code GET /v1/responses/{id}?stream=true&starting_after=N}, as OpenAI defines it, for a Responses stream
 *       this gateway served; a response it does not know is relayed upstream as before.</li>
 * </ul>
 * {@code GET /admin/streams} (master key only) reports the recovery metrics and the journal's size.
 */
final class StreamEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoints.class);
    private static final String STREAMS = "/v1/streams/";
    private static final String ADMIN = "/admin/streams";
    private static final String RESPONSES = "/v1/responses/";

    private final Switchboard engine;
    private final StreamResumeService resume;
    private final CallReader calls;

    StreamEndpoints(Switchboard engine, CallReader calls) {
        this.engine = engine;
        this.resume = engine.streams().resume();
        this.calls = calls;
    }

    /** Runs {@code call} through the engine and journals a streamed answer. */
    CompletionStage<Reply> handle(Call call) {
        return engine.handle(call).thenApply(reply -> resume.track(call, reply));
    }

    /** Whether {@code request} is a resume this class serves. */
    static boolean handles(HttpServerRequest request) {
        if (!request.method().name().equals("GET")) return false;
        String path = request.path();
        if (path.startsWith(STREAMS) || path.equals(ADMIN)) return true;
        return "true".equals(request.getParam("stream")) && responseId(path) != null;
    }

    void serve(HttpServerRequest request, String keyId, String requestId) {
        String path = request.path();
        if (path.equals(ADMIN)) {
            write(request, "master".equals(keyId) ? new Reply.Complete(200, java.util.Map.of("content-type", "application/json"),
                    EngineJson.bytes(stats()), null)
                    : engine.errors().render(WireFormatId.OPENAI_CHAT, ProviderError.of(ErrorKind.PERMISSION, "The admin API needs the master key.")));
            return;
        }
        if (path.startsWith(STREAMS)) {
            WireFormatId errorFormat = request.headers().contains("anthropic-version") ? WireFormatId.ANTHROPIC_MESSAGES
                    : WireFormatId.OPENAI_CHAT;
            String id = path.substring(STREAMS.length());
            if (id.isEmpty() || id.contains("/")) {
                write(request, engine.errors().render(errorFormat, ProviderError.of(ErrorKind.NOT_FOUND,
                        "Invalid URL (GET " + path + ")")));
                return;
            }
            resume.resume(id, keyId, request.getHeader("last-event-id"), errorFormat)
                    .whenComplete((reply, failure) -> answer(request, errorFormat, reply, failure));
            return;
        }
        long startingAfter;
        try {
            String value = request.getParam("starting_after");
            startingAfter = value == null || value.isBlank() ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            write(request, engine.errors().render(WireFormatId.OPENAI_RESPONSES, ProviderError.of(ErrorKind.INVALID_REQUEST,
                    "Invalid 'starting_after': expected an integer.").withParam("starting_after")));
            return;
        }
        resume.resumeResponse(responseId(path), keyId, startingAfter).whenComplete((found, failure) -> {
            if (failure == null && found.isEmpty()) {
                relay(request, keyId, requestId);
            } else {
                answer(request, WireFormatId.OPENAI_RESPONSES, failure == null ? found.get() : null, failure);
            }
        });
    }

    /** A response this gateway did not stream: forwarded upstream as any retrieve is. */
    private void relay(HttpServerRequest request, String keyId, String requestId) {
        Call call;
        try {
            call = calls.read(Endpoint.RESPONSE_GET, "GET", request.uri(), request.headers(), new byte[0], keyId, requestId);
        } catch (ProviderException e) {
            answer(request, WireFormatId.OPENAI_RESPONSES, null, e);
            return;
        }
        handle(call).whenComplete((reply, failure) -> answer(request, WireFormatId.OPENAI_RESPONSES, reply, failure));
    }

    private void answer(HttpServerRequest request, WireFormatId format, Reply reply, Throwable failure) {
        if (failure != null) {
            if (!(failure instanceof ProviderException)) LOG.error("stream resume {} failed inside the gateway", request.path(), failure);
            reply = engine.errors().render(format, ErrorReplies.errorOf(failure));
        }
        write(request, reply);
    }

    /** {@code GET /admin/streams}: recovery counters and latencies, and what the journal holds (docs/streams.md). */
    private ObjectNode stats() {
        StreamRecoveryMetrics.Snapshot m = engine.streams().metrics().snapshot();
        ObjectNode out = EngineJson.MAPPER.createObjectNode();
        ObjectNode journal = out.putObject("journal");
        journal.put("streams", engine.streams().journal().size()).put("retained_bytes", engine.streams().journal().retainedBytes())
                .put("max_bytes", engine.streams().journal().limits().maxBytes()).put("client_resumes", resume.resumes());
        ObjectNode recovery = out.putObject("recovery");
        recovery.put("breaks", m.breaks()).put("recovered", m.recovered()).put("failed", m.failed()).put("attempts", m.attempts())
                .put("deduplicated_bytes", m.dedupedBytes());
        recovery.putObject("recovery_ms").put("p50", m.recoveryP50Ms()).put("p99", m.recoveryP99Ms()).put("max", m.recoveryMaxMs());
        recovery.putObject("gap_ms").put("p50", m.gapP50Ms()).put("p99", m.gapP99Ms()).put("max", m.gapMaxMs());
        return out;
    }

    private static void write(HttpServerRequest request, Reply reply) {
        ReplyWriter.write(request.response(), reply);
    }

    private static String responseId(String path) {
        if (!path.startsWith(RESPONSES)) return null;
        String id = path.substring(RESPONSES.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }
}
