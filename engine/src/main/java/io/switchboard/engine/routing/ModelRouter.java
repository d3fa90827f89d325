package io.switchboard.engine.routing;

import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.config.RouteConfig;
import io.switchboard.engine.config.TargetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the model a client asked for into the targets that may serve it. A name is first looked up as a
 * route alias from the config ({@code default}); otherwise it is a real model, served by the first
 * configured provider of the kind that makes it ({@link #providerKindOf}).
 */
public final class ModelRouter {
    private final GatewayConfig config;

    public ModelRouter(GatewayConfig config) { this.config = config; }

    /**
     * The targets for {@code model}, in order of preference. With {@code requiredKind} set (an endpoint
     * only one API has, like embeddings), only targets of that provider kind are kept.
     *
     * @throws ProviderException NOT_FOUND with code {@code model_not_found} when nothing can serve it
     */
    public List<Target> resolve(String model, String requiredKind) {
        if (model == null || model.isBlank()) throw ProviderException.invalid("you must provide a model parameter", "model");
        RouteConfig route = config.routes().get(model);
        List<Target> targets = new ArrayList<>();
        if (route != null) {
            for (TargetConfig t : route.targets()) {
                if (requiredKind == null || config.providers().get(t.provider()).kind().equals(requiredKind)) {
                    targets.add(new Target(t.provider(), t.model()));
                }
            }
        } else {
            String kind = providerKindOf(model);
            ProviderConfig provider = kind == null || (requiredKind != null && !kind.equals(requiredKind))
                    ? null : firstOfKind(kind);
            if (provider != null) targets.add(new Target(provider.name(), model));
        }
        if (targets.isEmpty()) throw notFound(model);
        return List.copyOf(targets);
    }

    /** The first configured provider speaking {@code kind}, for endpoints that name no model. */
    public Target anyOfKind(String kind) {
        ProviderConfig p = firstOfKind(kind);
        if (p == null) {
            throw new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND, "no " + kind + " provider is configured on this gateway"));
        }
        return new Target(p.name(), "");
    }

    /**
     * Which API serves a real model name: {@code gpt-*}, {@code o1*}, {@code o3*}, {@code o4*},
     * {@code chatgpt-*}, {@code text-embedding-*} are OpenAI's; {@code claude-*} are Anthropic's; null otherwise.
     */
    public static String providerKindOf(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt-") || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4")
                || m.startsWith("chatgpt-") || m.startsWith("text-embedding-")) {
            return ProviderConfig.OPENAI;
        }
        if (m.startsWith("claude-")) return ProviderConfig.ANTHROPIC;
        return null;
    }

    private ProviderConfig firstOfKind(String kind) {
        for (ProviderConfig p : config.providers().values()) if (p.kind().equals(kind)) return p;
        return null;
    }

    private static ProviderException notFound(String model) {
        return new ProviderException(ProviderError.of(ErrorKind.NOT_FOUND,
                "The model '" + model + "' does not exist or is not served by this gateway.")
                .withParam("model").withCode("model_not_found"));
    }
}
