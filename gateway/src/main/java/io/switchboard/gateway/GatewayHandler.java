package io.switchboard.gateway;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.Switchboard;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP request: health checks, then authentication, then the endpoint, answering every failure
 * in the error shape of the API the client is speaking and with a request id ({@code x-request-id} on
 * OpenAI paths, {@code request-id} on Anthropic ones). Nothing here blocks: the engine answers with a
 * {@link CompletionStage} completed on this request's event loop.
 */
final class GatewayHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);
    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final Switchboard engine;
    private final GatewayOptions options;
    private final BooleanSupplier ready;
    private final CallReader calls;
    private final ModelList models;
    private final io.switchboard.gateway.resilience.IdempotentCalls idempotency;
    private final StreamEndpoints streams;
    private final io.switchboard.gateway.resilience.RoutesAdmin routesAdmin;
    private final io.switchboard.gateway.admin.AdminApi adminApi;

    GatewayHandler(Switchboard engine, GatewayOptions options, BooleanSupplier ready) {
        this.engine = engine;
        this.options = options;
        this.ready = ready;
        this.calls = new CallReader(engine);
        this.models = new ModelList(engine);
        this.idempotency = new io.switchboard.gateway.resilience.IdempotentCalls(engine);
        this.streams = new StreamEndpoints(engine, calls);
        this.routesAdmin = new io.switchboard.gateway.resilience.RoutesAdmin(engine);
        this.adminApi = new io.switchboard.gateway.admin.AdminApi(engine);
    }

    @Override
    public void handle(HttpServerRequest request) {
        try {
            serve(request);
        } catch (RuntimeException e) {
            // A bug must cost one request, never the connection or the server.
            LOG.error("unexpected failure serving {} {}", request.method(), request.path(), e);
            if (!request.response().headWritten()) {
                request.response().setStatusCode(500).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"internal gateway error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
            }
        }
    }

    private void serve(HttpServerRequest request) {
        String path = request.path();
        Endpoint endpoint = Endpoint.match(request.method().name(), path);
        boolean anthropic = Endpoint.anthropicShaped(endpoint, path, request.headers().contains("anthropic-version"));
        WireFormatId errorFormat = anthropic ? WireFormatId.ANTHROPIC_MESSAGES : endpoint.format;
        String requestId = Switchboard.newRequestId();
        request.response().putHeader(anthropic ? "request-id" : "x-request-id", requestId);

        switch (endpoint) {
            case HEALTH -> {
                send(request, json(200, HEALTHY));
                return;
            }
            case READY -> {
                boolean up = ready.getAsBoolean() && !engine.config().providers().isEmpty();
                send(request, json(up ? 200 : 503, ("{\"status\":\"" + (up ? "ready" : "starting") + "\"}").getBytes(StandardCharsets.UTF_8)));
                return;
            }
            default -> { }
        }
        Optional<String> keyId = options.authenticator().authenticate(presentedKey(request));
        if (keyId.isEmpty()) {
            fail(request, errorFormat, requestId, new ProviderException(ProviderError.of(ErrorKind.AUTHENTICATION,
                    "Invalid API key: present the gateway key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.")
                    .withCode("invalid_api_key")));
            return;
        }
        if (io.switchboard.gateway.resilience.RoutesAdmin.handles(path)) { // breakers and error budgets (docs/routing.md)
            routesAdmin.handle(request, keyId.get());
            return;
        }
        if (io.switchboard.gateway.admin.AdminApi.handles(path)) { // keys and spend (docs/cost.md)
            adminApi.handle(request, keyId.get());
            return;
        }
        if (StreamEndpoints.handles(request)) { // stream resume (docs/streams.md)
            streams.serve(request, keyId.get(), requestId);
            return;
        }
        switch (endpoint) {
            case UNKNOWN -> fail(request, errorFormat, requestId, new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND,
                    "Invalid URL (" + request.method().name() + " " + path + ")")));
            case MODELS -> models.list(anthropic, keyId.get(), requestId, CallReader.forwarded(request.headers()))
                    .whenComplete((reply, failure) -> answer(request, errorFormat, requestId, reply, failure));
            default -> BodyReader.read(request, options.maxBodyBytes()).onComplete(body -> {
                if (body.failed()) {
                    fail(request, errorFormat, requestId, body.cause());
                    return;
                }
                Call call;
                try {
                    call = calls.read(endpoint, request.method().name(), request.uri(), request.headers(),
                            body.result(), keyId.get(), requestId);
                } catch (ProviderException e) {
                    fail(request, errorFormat, requestId, e);
                    return;
                }
                idempotency.handle(io.switchboard.gateway.resilience.ClientHints.withHints(call, request.headers()), streams::handle)
                        .whenComplete((reply, failure) -> answer(request, errorFormat, requestId, reply, failure));
            });
        }
    }

    private void answer(HttpServerRequest request, WireFormatId format, String requestId, Reply reply, Throwable failure) {
        if (failure != null) {
            fail(request, format, requestId, failure);
            return;
        }
        if (reply instanceof Reply.Complete c && c.isError()) log(request, requestId, c.status(), c.error(), false);
        send(request, reply);
    }

    private void fail(HttpServerRequest request, WireFormatId format, String requestId, Throwable failure) {
        ProviderError error = ErrorReplies.errorOf(failure);
        boolean own = failure instanceof ProviderException;
        if (!own) LOG.error("request {} failed inside the gateway", requestId, failure);
        Reply.Complete reply = engine.errors().render(format, error);
        log(request, requestId, reply.status(), error, own);
        send(request, reply);
    }

    private void send(HttpServerRequest request, Reply reply) {
        // An answer given before the body was read (401, 413) leaves unread bytes on an HTTP/1.1 connection.
        if (!request.isEnded() && request.version() != HttpVersion.HTTP_2 && declaresBody(request)) {
            request.response().putHeader("connection", "close");
        }
        ReplyWriter.write(request.response(), reply);
    }

    /** One line per refused or failed request. Upstream messages are left out: they may quote what the client sent. */
    private static void log(HttpServerRequest request, String requestId, int status, ProviderError error, boolean ownMessage) {
        if (ownMessage) {
            LOG.info("{} {} {} -> {} {}: {}", requestId, request.method(), request.path(), status, error.kind(), error.message());
        } else {
            LOG.info("{} {} {} -> {} {} (upstream)", requestId, request.method(), request.path(), status, error.kind());
        }
    }

    private static boolean declaresBody(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        return request.getHeader("transfer-encoding") != null || (length != null && !length.strip().equals("0"));
    }

    private static String presentedKey(HttpServerRequest request) {
        String auth = request.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        String key = request.getHeader("x-api-key");
        return key == null ? null : key.strip();
    }

    private static Reply json(int status, byte[] body) {
        return new Reply.Complete(status, Map.of("content-type", "application/json"), body, null);
    }
}
