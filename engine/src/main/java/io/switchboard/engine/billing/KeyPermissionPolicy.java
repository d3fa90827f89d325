package io.switchboard.engine.billing;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Chain;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.keys.VirtualKey;
import io.switchboard.engine.routing.ModelRouter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link io.switchboard.core.chain.Stage#AUTH} policy for virtual keys: a key limited to some models or
 * routes may ask only for those. A route alias must be among the key's routes (when it lists any), and each
 * model the route may send to among its models (when it lists any); a model asked for by name must be among
 * its models. Refused with 403 {@code model_not_allowed} in the client's error shape. The master key and
 * unrestricted keys pass.
 */
public final class KeyPermissionPolicy implements Policy {
    private final Billing billing;
    private final GatewayConfig config;
    private final ModelRouter router;

    public KeyPermissionPolicy(Billing billing, GatewayConfig config, ModelRouter router) {
        this.billing = billing;
        this.config = config;
        this.router = router;
    }

    @Override
    public CompletionStage<Reply> apply(Call call, Chain chain) {
        VirtualKey key = billing.activeKey(call.keyId());
        if (key == null || call.model() == null || allowed(key, call.model())) return chain.proceed(call);
        return CompletableFuture.failedFuture(new ProviderException(ProviderError.of(ErrorKind.PERMISSION,
                "This API key may not use model '" + call.model() + "'.").withParam("model").withCode("model_not_allowed")));
    }

    private boolean allowed(VirtualKey key, String model) {
        if (!config.routes().containsKey(model)) return key.allowsModel(model);
        if (!key.allowsRoute(model)) return false;
        for (Target t : router.resolve(model, null)) if (!key.allowsModel(t.model())) return false;
        return true;
    }
}
