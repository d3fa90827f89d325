package io.switchboard.providers.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ProviderError;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One provider's error body and status conventions, as the three error methods of
 * {@link io.switchboard.core.wire.WireFormat} need them.
 *
 * @param decoder upstream HTTP status and body (maybe null or foreign) → neutral error
 * @param encoder neutral error → this provider's error body
 * @param status  neutral error → the HTTP status this provider would answer with
 */
public record ErrorCodec(BiFunction<Integer, JsonNode, ProviderError> decoder,
                         Function<ProviderError, ObjectNode> encoder,
                         ToIntFunction<ProviderError> status) {}
