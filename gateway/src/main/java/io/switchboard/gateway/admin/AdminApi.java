package io.switchboard.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.billing.Billing;
import io.switchboard.engine.cost.SpendLedger;
import io.switchboard.engine.keys.IssuedKey;
import io.switchboard.engine.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost-control admin API, for the master key only, in OpenAI's error shape:
 * <ul>
 *   <li>{@code POST /admin/keys} {@code {"name": "team-a", "budgets": [{"usd": 25, "period": "day"}]}} →
 *       {@code {"id": "vk_...", "key": "sk-sb-...", ...}}: the key is shown this once.</li>
 *   <li>{@code GET /admin/keys}: every key (revoked ones too), with its budgets' spend in the current period.</li>
 *   <li>{@code DELETE /admin/keys/{id}}: revokes; {@code POST /admin/keys/{id}/rotate}: a new secret, same id.</li>
 *   <li>{@code GET /admin/spend?key_id=&from=&to=} → {@code {"total_usd", "calls", "by_key", "by_model",
 *       "by_day"}}; {@code from}/{@code to} are ISO dates (budget time zone) or instants, {@code to} exclusive.</li>
 * </ul>
 * Database work runs on a worker thread, never on the event loop.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String PREFIX = "/admin/";
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Switchboard engine;

    public AdminApi(Switchboard engine) { this.engine = engine; }

    /** Whether {@code path} belongs to this API. */
    public static boolean handles(String path) { return path.equals("/admin/keys") || path.startsWith("/admin/keys/") || path.equals("/admin/spend"); }

    /** Serves an authenticated request; {@code callerId} is what the key authenticator said. */
    public void handle(HttpServerRequest request, String callerId) {
        if (!"master".equals(callerId)) {
            fail(request, new ProviderException(ProviderError.of(ErrorKind.PERMISSION, "The admin API needs the master key.")));
            return;
        }
        Billing billing = engine.billing().orElse(null);
        if (billing == null) {
            fail(request, new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND, "Cost control is not enabled on this gateway.")));
            return;
        }
        String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
        HttpMethod method = request.method();
        if (parts[0].equals("spend") && method == HttpMethod.GET) {
            blocking(request, 200, () -> spend(billing, request));
        } else if (parts.length == 1 && method == HttpMethod.POST) {
            readBody(request).onSuccess(body -> blocking(request, 200, () -> create(billing, body))).onFailure(t -> fail(request, t));
        } else if (parts.length == 1 && method == HttpMethod.GET) {
            blocking(request, 200, () -> list(billing));
        } else if (parts.length == 2 && method == HttpMethod.DELETE && !parts[1].isEmpty()) {
            blocking(request, 200, () -> revoke(billing, parts[1]));
        } else if (parts.length == 3 && method == HttpMethod.POST && parts[2].equals("rotate")) {
            blocking(request, 200, () -> rotate(billing, parts[1]));
        } else {
            fail(request, new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND, "Invalid URL (" + method + " " + request.path() + ")")));
        }
    }

    private static JsonNode create(Billing billing, Buffer body) {
        JsonNode json;
        try {
            json = EngineJson.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw ProviderException.invalid("the body is not valid JSON", null);
        }
        IssuedKey issued = billing.createKey(KeyJson.spec(json));
        LOG.info("created virtual key {} ({})", issued.key().id(), issued.key().name());
        return KeyJson.issued(issued.plainKey(), issued.key(), billing.book());
    }

    private static JsonNode list(Billing billing) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (VirtualKey key : billing.keys().list()) data.add(KeyJson.describe(key, billing.book()));
        return out;
    }

    private static JsonNode revoke(Billing billing, String id) {
        if (billing.keys().get(id).isEmpty()) throw notFound(id);
        boolean revoked = billing.revokeKey(id);
        if (revoked) LOG.info("revoked virtual key {}", id);
        return JsonNodeFactory.instance.objectNode().put("id", id).put("revoked", true).put("already_revoked", !revoked);
    }

    private static JsonNode rotate(Billing billing, String id) {
        try {
            IssuedKey issued = billing.rotateKey(id);
            LOG.info("rotated virtual key {}", id);
            return KeyJson.issued(issued.plainKey(), issued.key(), billing.book());
        } catch (NoSuchElementException e) {
            throw notFound(id);
        } catch (IllegalStateException e) {
            throw new ProviderException(ProviderError.of(ErrorKind.CONFLICT, "virtual key " + id + " is revoked and cannot be rotated"));
        }
    }

    private static JsonNode spend(Billing billing, HttpServerRequest request) {
        billing.flush().join(); // include calls settled a moment ago
        String keyId = request.getParam("key_id");
        Instant from = instant(request.getParam("from"), "from", billing, Instant.EPOCH);
        Instant to = instant(request.getParam("to"), "to", billing, Instant.MAX);
        SpendLedger ledger = billing.ledger();
        var total = ledger.total(keyId, from, to);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (keyId != null) out.put("key_id", keyId);
        out.put("total_usd", KeyJson.number(total.cost())).put("calls", total.calls())
                .put("input_tokens", total.inputTokens()).put("output_tokens", total.outputTokens());
        ArrayNode byKey = out.putArray("by_key");
        ledger.totals(SpendLedger.Grouping.KEY, keyId, from, to).forEach(t -> byKey.add(KeyJson.total(t, "key_id")));
        ArrayNode byModel = out.putArray("by_model");
        ledger.totals(SpendLedger.Grouping.MODEL, keyId, from, to).forEach(t -> byModel.add(KeyJson.total(t, "model")));
        ArrayNode byDay = out.putArray("by_day");
        ledger.dailyTotals(keyId, from, to, billing.config().zone()).forEach(t -> byDay.add(KeyJson.total(t, "day")));
        return out;
    }

    private static Instant instant(String text, String param, Billing billing, Instant dflt) {
        if (text == null || text.isBlank()) return dflt;
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(billing.config().zone()).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProviderException.invalid(param + " must be a date (2026-03-08) or an instant (2026-03-08T10:00:00Z)", param);
        }
    }

    private static ProviderException notFound(String id) {
        return new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND, "No virtual key " + id + "."));
    }

    private static Future<Buffer> readBody(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        if (length != null && length.strip().matches("\\d+") && Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
            return Future.failedFuture(new ProviderException(ProviderError.of(ErrorKind.REQUEST_TOO_LARGE, "the body is larger than 64 KiB")));
        }
        return request.body();
    }

    /** Runs {@code work} off the event loop and answers with its JSON, or with the error it threw. */
    private void blocking(HttpServerRequest request, int status, Callable<JsonNode> work) {
        engine.vertx().executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) fail(request, result.cause());
            else respond(request, status, EngineJson.bytes(result.result()));
        });
    }

    private void fail(HttpServerRequest request, Throwable failure) {
        if (!(failure instanceof ProviderException)) LOG.error("admin request {} {} failed", request.method(), request.path(), failure);
        var reply = engine.errors().render(WireFormatId.OPENAI_CHAT, io.switchboard.engine.ErrorReplies.errorOf(failure));
        respond(request, reply.status(), reply.body());
    }

    private static void respond(HttpServerRequest request, int status, byte[] body) {
        if (request.response().closed()) return;
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(Buffer.buffer(body));
    }
}
