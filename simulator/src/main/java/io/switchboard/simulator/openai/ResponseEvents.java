package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimReply.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Responses API event stream: each event is {@code event: <type>\ndata: <json>\n\n} whose JSON starts
 * with {@code type} and the {@code sequence_number}, counted from 0 (provider-apis.md A1).
 */
final class ResponseEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Frame> frames = new ArrayList<>();

    /** A new event payload; fill it, then {@link #add} it. */
    ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("sequence_number", frames.size());
    }

    void add(ObjectNode event, int tokens) {
        frames.add(new Frame("event: " + event.get("type").asText() + "\ndata: " + event + "\n\n", tokens));
    }

    List<Frame> frames() { return List.copyOf(frames); }
}
