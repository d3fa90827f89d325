package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.resilience.TokenReservation;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.AnswerUsage;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.ErrorReplies;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.CostException;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.keys.VirtualKey;
import io.switchboard.engine.routing.ModelRouter;
import io.switchboard.engine.routing.RoutePolicy;
import io.switchboard.engine.transport.WireFormatLookup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@link io.switchboard.core.chain.Stage#BUDGET} policy: reserve, call, settle.
 * <ol>
 *   <li>The call's worst case (prompt tokens counted with the model's tokenizer, plus its output limit, on the
 *       costliest model its route may use) is reserved in every budget that applies: the virtual key's, its
 *       team's, the route's, the global one and any per-request cap. If it does not fit, the configured
 *       {@link OverBudgetAction} applies; a refusal is a 429 in the client's own error shape, never sent upstream.</li>
 *   <li>A complete answer settles at what its reported usage costs on the target that served it; an error
 *       answer or a failure releases the hold.</li>
 *   <li>A stream settles from its final usage event as it passes ({@link MeteredByteSource}); one cut short
 *       is billed for what it produced. OpenAI Chat streams are asked for {@code stream_options.include_usage}
 *       so that final event exists.</li>
 * </ol>
 * Every answer carries {@link CostHeaders}. Relays (embeddings, token counting, stored responses) pass
 * unmetered. Nothing here blocks: the ledger row is queued for a virtual thread.
 */
public final class BudgetPolicy implements Policy {
    private final Billing billing;
    private final GatewayConfig config;
    private final ModelRouter router;
    private final WireFormatLookup formats;
    private final BudgetGate gate;
    private final ErrorReplies errors;

    public BudgetPolicy(Billing billing, GatewayConfig config, ModelRouter router, WireFormatLookup formats) {
        this.billing = billing;
        this.config = config;
        this.router = router;
        this.formats = formats;
        this.gate = new BudgetGate(billing, router);
        this.errors = new ErrorReplies(formats);
    }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        if (call.relay() != null || call.body() == null) return chain.proceed(call);
        VirtualKey key = billing.activeKey(call.keyId());
        String route = config.routes().containsKey(call.model()) ? call.model() : null;
        Set<BudgetScope> scopes = scopes(key, route);
        Admission admission;
        try {
            // The key's token bucket takes the admission's token count too, so it must have the same slack for a bound.
            LongPredicate roomForBound = key == null ? tokens -> true
                    : tokens -> billing.keyRates().hasTokens(key, tokens * BudgetGate.SLACK);
            admission = gate.admit(withUsageRequested(call), scopes, call.rawBody() == null ? -1 : call.rawBody().length, roomForBound);
        } catch (CostException refused) {
            Reply reply = errors.render(call.clientFormat(), refused.toProviderError());
            return CompletableFuture.completedFuture(withCostHeaders(reply, scopes,
                    new ArrayList<>(List.of(CostHeaders.SHOULD_RETRY, "false", CostHeaders.COST, Money.ZERO.toPlainString()))));
        }
        TokenReservation rate;
        try {
            rate = key == null ? null : billing.keyRates().take(key, admission.worst().inputTokens() + admission.worst().outputTokens());
        } catch (ProviderException limited) {
            billing.book().release(admission.reservation());
            Reply reply = errors.render(call.clientFormat(), limited.error());
            return CompletableFuture.completedFuture(withCostHeaders(reply, scopes,
                    new ArrayList<>(List.of(CostHeaders.COST, Money.ZERO.toPlainString()))));
        }
        Settlement settlement = new Settlement(billing, admission, rate, key == null ? null : key.team(), route);
        CompletionStage<Reply> answer;
        try {
            answer = chain.proceed(admission.call());
        } catch (RuntimeException e) {
            settlement.release();
            throw e;
        }
        return answer.handle((reply, failure) -> {
            if (failure != null) {
                settlement.release();
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            try {
                List<String> headers = new ArrayList<>(8);
                return withCostHeaders(meter(reply, settlement, headers), scopes, headers);
            } catch (RuntimeException e) {
                settlement.release();
                if (reply instanceof Reply.Streaming s) s.body().cancel();
                throw e;
            }
        });
    }

    /**
     * {@code reply} with {@code headers} (name, value pairs) and the budget state of {@code scopes}, set in one copy
     * of its headers rather than one per header.
     */
    private Reply withCostHeaders(Reply reply, Set<BudgetScope> scopes, List<String> headers) {
        CostHeaders.addBudgetState(headers, billing.book(), scopes);
        return reply.withHeaders(headers.toArray(String[]::new));
    }

    /** Settles a complete reply or meters a streamed one; the headers that say so are added to {@code headers}. */
    private Reply meter(Reply reply, Settlement settlement, List<String> headers) {
        Admission admission = settlement.admission();
        Reply out = switch (reply) {
            case Reply.Complete c when c.isError() -> {
                settlement.release();
                Collections.addAll(headers, CostHeaders.COST, Money.ZERO.toPlainString());
                yield c;
            }
            case Reply.Complete c -> {
                Target target = servedBy(c, admission.call());
                Money cost = settleComplete(c, target, settlement);
                Collections.addAll(headers, CostHeaders.COST, cost.toPlainString());
                yield c;
            }
            case Reply.Streaming s -> {
                Target target = servedBy(s, admission.call());
                WireFormat client = formats.of(admission.call().clientFormat());
                MeteredByteSource metered = new MeteredByteSource(s.body(), settlement, target, billing.estimator(), client);
                Collections.addAll(headers, CostHeaders.RESERVED, admission.reservation().amount().toPlainString());
                yield new Reply.Streaming(s.status(), s.headers(), metered);
            }
        };
        if (admission.adjustment() != null) Collections.addAll(headers, admission.adjustment().header(), admission.adjustment().value());
        return out;
    }

    /** Settles from the body's usage, or, when the provider reported none, from the prompt estimate and the answer's text. */
    private Money settleComplete(Reply.Complete reply, Target target, Settlement settlement) {
        WireFormat client = formats.of(settlement.admission().call().clientFormat());
        JsonNode reported = AnswerUsage.of(reply.body());
        if (reported != null && reported.isObject()) {
            Usage usage = client.decodeUsage(reported);
            if (usage.totalTokens() > 0) return settlement.settle(target, usage, true);
        }
        JsonNode json = EngineJson.parseOrNull(reply.body());
        ChatResponse response = null;
        if (json != null) {
            try {
                response = client.decodeResponse(json);
            } catch (RuntimeException notAChatAnswer) {
                // Billed from the estimate below.
            }
        }
        if (response != null && response.usage().totalTokens() > 0) return settlement.settle(target, response.usage(), true);
        Estimate estimate = settlement.estimateFor(target.model());
        long output = response == null ? estimate.outputTokens() : billing.estimator().countTokens(target.model(), response.text());
        return settlement.settle(target, Usage.of(estimate.inputTokens(), output), false);
    }

    /** The target named by the route policy's header, else the route's first. */
    private Target servedBy(Reply reply, Call call) {
        String header = reply.headers().get(RoutePolicy.TARGET_HEADER);
        int slash = header == null ? -1 : header.indexOf('/');
        if (slash > 0) return new Target(header.substring(0, slash), header.substring(slash + 1));
        return router.resolve(call.model(), null).getFirst();
    }

    private static Set<BudgetScope> scopes(VirtualKey key, String route) {
        Set<BudgetScope> scopes = new HashSet<>();
        if (key != null) scopes.addAll(key.scopes());
        if (route != null) scopes.add(BudgetScope.route(route));
        return scopes;
    }

    /** OpenAI Chat streams report usage only when asked; billing needs it, so it is always asked for. */
    private static Call withUsageRequested(Call call) {
        if (!call.stream() || call.clientFormat() != WireFormatId.OPENAI_CHAT
                || call.body().path("stream_options").path("include_usage").asBoolean(false)) {
            return call;
        }
        ObjectNode body = call.body().deepCopy();
        body.withObjectProperty("stream_options").put("include_usage", true);
        return call.toBuilder().body(body, null).build();
    }
}
