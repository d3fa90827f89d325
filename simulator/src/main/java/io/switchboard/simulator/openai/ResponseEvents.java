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

    /**
     * Adds one one-token event per piece, rendered from {@code sample}: an event whose {@code sequence_number} is
     * still the next free one and whose piece-carrying field holds {@link JsonTemplate#holeName hole 1}.
     */
    void addAll(ObjectNode sample, List<String> pieces) {
        String type = sample.get("type").asText();
        sample.put("sequence_number", JsonTemplate.holeName(0));
        JsonTemplate template = new JsonTemplate(sample, 2);
        for (String piece : pieces) {
            String data = template.render(Integer.toString(frames.size()), JsonTemplate.quote(piece));
            frames.add(new Frame("event: " + type + "\ndata: " + data + "\n\n", 1));
        }
    }

    List<Frame> frames() { return List.copyOf(frames); }
}
