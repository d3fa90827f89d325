package io.switchboard.providers.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.providers.json.Json;
import java.util.List;

/** Reading the JSON of an upstream stream frame, and the error that ends a stream when it is not JSON. */
public final class UpstreamFrames {
    private UpstreamFrames() {}

    /** The frame's JSON, or null when the text is malformed. */
    public static JsonNode parse(String data) {
        try {
            return Json.parse(data);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The single event a decoder emits for a malformed frame; {@code what} names the frame ("event", "chunk"). */
    public static List<StreamEvent> malformed(String what) {
        return List.of(new StreamEvent.Error(ProviderError.of(ErrorKind.BAD_GATEWAY, "Malformed " + what + " from upstream")));
    }
}
