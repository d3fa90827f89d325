package io.switchboard.engine.stream;

import io.switchboard.core.chain.ByteSource;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends one more request to the provider a stream came from and opens its event stream: the transport's side
 * of upstream recovery. Fails with a {@link io.switchboard.core.model.ProviderException} when the provider
 * answers anything but a successful event stream.
 */
@FunctionalInterface
public interface StreamOpener {
    /**
     * @param uri  the request URI on the provider's host (base path included)
     * @param body the request body, or null
     * @return the response body, paused until started
     */
    CompletionStage<ByteSource> open(String method, String uri, Map<String, String> headers, byte[] body);
}
