package io.switchboard.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.chain.Target;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.config.RouteConfig;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
    private final GatewayConfig config = GatewayConfig.builder()
            .provider(ProviderConfig.builder("openai").baseUrl("http://a/v1").build())
            .provider(ProviderConfig.builder("anthropic").baseUrl("http://b").build())
            .provider(ProviderConfig.builder("openai-eu").kind("openai").baseUrl("http://c/v1").build())
            .route(RouteConfig.builder("default").target("openai", "gpt-4o-mini").target("anthropic", "claude-haiku-4-5").build())
            .route(RouteConfig.builder("gpt-4o").target("openai-eu", "gpt-4o").build())
            .build();
    private final ModelRouter router = new ModelRouter(config);

    @Test
    void anAliasResolvesToItsTargetsInOrder() {
        assertThat(router.resolve("default", null)).containsExactly(
                new Target("openai", "gpt-4o-mini"), new Target("anthropic", "claude-haiku-4-5"));
    }

    @Test
    void aRouteNamedLikeARealModelWinsOverTheNameRule() {
        assertThat(router.resolve("gpt-4o", null)).containsExactly(new Target("openai-eu", "gpt-4o"));
    }

    @Test
    void realModelsGoToTheFirstProviderOfTheirKind() {
        assertThat(router.resolve("gpt-4.1-mini", null)).containsExactly(new Target("openai", "gpt-4.1-mini"));
        assertThat(router.resolve("o3-mini", null)).containsExactly(new Target("openai", "o3-mini"));
        assertThat(router.resolve("text-embedding-3-small", null)).containsExactly(new Target("openai", "text-embedding-3-small"));
        assertThat(router.resolve("claude-sonnet-4-5", null)).containsExactly(new Target("anthropic", "claude-sonnet-4-5"));
    }

    @Test
    void aRequiredKindFiltersTheTargets() {
        assertThat(router.resolve("default", "anthropic")).containsExactly(new Target("anthropic", "claude-haiku-4-5"));
        assertThatThrownBy(() -> router.resolve("claude-haiku-4-5", "openai")).isInstanceOf(ProviderException.class);
        assertThat(router.anyOfKind("openai")).isEqualTo(new Target("openai", ""));
    }

    @Test
    void unknownModelsAreNotFoundWithOpenAisCode() {
        assertThatThrownBy(() -> router.resolve("llama-3", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.error().code()).isEqualTo("model_not_found");
                    assertThat(e.error().param()).isEqualTo("model");
                    assertThat(e.error().message()).contains("llama-3");
                });
        GatewayConfig openAiOnly = GatewayConfig.builder().provider(ProviderConfig.builder("openai").baseUrl("http://a/v1").build()).build();
        assertThatThrownBy(() -> new ModelRouter(openAiOnly).resolve("claude-haiku-4-5", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> new ModelRouter(openAiOnly).anyOfKind("anthropic")).isInstanceOf(ProviderException.class);
    }

    @Test
    void providerKindFollowsTheModelNamePrefixes() {
        assertThat(ModelRouter.providerKindOf("chatgpt-4o-latest")).isEqualTo("openai");
        assertThat(ModelRouter.providerKindOf("o1")).isEqualTo("openai");
        assertThat(ModelRouter.providerKindOf("o4-mini")).isEqualTo("openai");
        assertThat(ModelRouter.providerKindOf("Claude-3-5-haiku-20241022")).isEqualTo("anthropic");
        assertThat(ModelRouter.providerKindOf("mistral-large")).isNull();
    }
}
