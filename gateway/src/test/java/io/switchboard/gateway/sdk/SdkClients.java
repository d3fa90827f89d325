package io.switchboard.gateway.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;

/**
 * The official SDK clients pointed at a gateway, with nothing changed but the base URL and the key.
 * Response validation is on, so a reply an SDK would only half understand fails the test.
 */
final class SdkClients {
    /** The gateway's master key in these tests. */
    static final String GATEWAY_KEY = "sk-gw-test";
    /** A key the gateway must refuse; it must never come back in an error message. */
    static final String WRONG_KEY = "sk-wrong-4f1c9e7a";
    /** What the SDKs do by default (provider-apis.md A3 retry table). */
    static final int SDK_DEFAULT_RETRIES = 2;

    private SdkClients() {}

    /** A simulator plus a gateway guarded by {@link #GATEWAY_KEY}, on free ports. */
    static GatewayServer startGateway() {
        return GatewayServer.startOffline(GatewayOptions.builder().masterKey(GATEWAY_KEY).instances(1).build());
    }

    static OpenAIClient openAi(GatewayServer gateway) {
        return openAi(gateway, GATEWAY_KEY, 0);
    }

    static OpenAIClient openAi(GatewayServer gateway, String key, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.openAiBaseUrl()).apiKey(key)
                .maxRetries(maxRetries).responseValidation(true).build();
    }

    static AnthropicClient anthropic(GatewayServer gateway) {
        return anthropic(gateway, GATEWAY_KEY, 0);
    }

    static AnthropicClient anthropic(GatewayServer gateway, String key, int maxRetries) {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.anthropicBaseUrl()).apiKey(key)
                .maxRetries(maxRetries).responseValidation(true).build();
    }
}
