package io.switchboard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.ByteSource;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.routing.ModelRouter;
import io.switchboard.engine.transport.WireFormatLookup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The Java face of the engine. A neutral request is encoded in the native format of the route's first
 * target, so the usual case is a pass-through, and runs through the same chain as gateway traffic; a
 * fallback to another provider is translated like any cross-provider call. The answer is decoded back.
 */
final class LibraryFace {
    private final Switchboard engine;
    private final ModelRouter router;
    private final WireFormatLookup formats;

    LibraryFace(Switchboard engine, ModelRouter router, WireFormatLookup formats) {
        this.engine = engine;
        this.router = router;
        this.formats = formats;
    }

    CompletionStage<ChatResponse> chat(ChatRequest request) {
        try {
            WireFormat codec = formats.of(formatFor(request.model()));
            Call call = call(codec, request.toBuilder().stream(false).build());
            return engine.handle(call).thenApply(reply -> switch (reply) {
                case Reply.Complete c when !c.isError() -> codec.decodeResponse(json(c.body()));
                case Reply.Complete c -> throw new ProviderException(c.error());
                case Reply.Streaming s -> {
                    s.body().cancel();
                    throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream streamed an answer that was not asked for"));
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<Void> stream(ChatRequest request, Consumer<StreamEvent> events) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            WireFormat codec = formats.of(formatFor(request.model()));
            Call call = call(codec, request.toBuilder().stream(true).build());
            engine.handle(call).whenComplete((reply, failure) -> {
                if (failure != null) done.completeExceptionally(failure);
                else if (reply instanceof Reply.Streaming s) consume(s.body(), codec.newStreamDecoder(), events, done);
                else if (reply instanceof Reply.Complete c && c.isError()) done.completeExceptionally(new ProviderException(c.error()));
                else done.completeExceptionally(new ProviderException(
                        ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream answered a stream request without a stream")));
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static void consume(ByteSource body, StreamDecoder decoder, Consumer<StreamEvent> events, CompletableFuture<Void> done) {
        done.whenComplete((v, t) -> {
            if (done.isCancelled()) body.cancel();
        });
        SseParser parser = new SseParser(frame -> {
            for (StreamEvent e : decoder.decode(frame)) {
                events.accept(e);
                if (e instanceof StreamEvent.Error err) done.completeExceptionally(new ProviderException(err.error()));
            }
        });
        body.start(new ByteSource.Sink() {
            @Override
            public void onData(byte[] chunk) {
                if (done.isDone()) return;
                try {
                    parser.feed(chunk, 0, chunk.length);
                } catch (RuntimeException e) {
                    body.cancel();
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onEnd() {
                parser.end();
                done.complete(null);
            }

            @Override
            public void onError(Throwable failure) { done.completeExceptionally(failure); }
        });
    }

    private WireFormatId formatFor(String model) {
        String provider = router.resolve(model, null).getFirst().provider();
        return WireFormatLookup.nativeFormat(engine.config().providers().get(provider).kind());
    }

    private Call call(WireFormat codec, ChatRequest request) {
        ObjectNode body = codec.encodeRequest(request);
        if (request.stream() && codec.id() == WireFormatId.OPENAI_CHAT) {
            body.withObjectProperty("stream_options").put("include_usage", true);
        }
        return engine.newCall(codec.id()).body(body, null).model(request.model()).stream(request.stream()).build();
    }

    private static JsonNode json(byte[] body) {
        JsonNode node = EngineJson.parseOrNull(body);
        if (node == null) throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "upstream sent a response that is not JSON"));
        return node;
    }
}
