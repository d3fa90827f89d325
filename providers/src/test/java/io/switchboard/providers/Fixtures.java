package io.switchboard.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.sse.SseParser;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads test fixtures from {@code src/test/resources/fixtures} and runs streams through codecs. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return Json.parse(new String(bytes(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SSE frames of a recorded stream. */
    public static List<SseEvent> sse(String path) {
        byte[] all = bytes(path);
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(all, 0, all.length);
        parser.end();
        return events;
    }

    public static List<StreamEvent> decodeAll(StreamDecoder decoder, List<SseEvent> frames) {
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent f : frames) out.addAll(decoder.decode(f));
        return out;
    }

    public static List<SseEvent> encodeAll(StreamEncoder encoder, List<StreamEvent> events) {
        List<SseEvent> out = new ArrayList<>();
        for (StreamEvent e : events) out.addAll(encoder.encode(e));
        return out;
    }

    /** The concatenated text deltas. */
    public static String text(List<StreamEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (StreamEvent e : events) if (e instanceof StreamEvent.TextDelta t) sb.append(t.text());
        return sb.toString();
    }

    /** The concatenated argument fragments of the part with {@code index}. */
    public static String arguments(List<StreamEvent> events, int index) {
        StringBuilder sb = new StringBuilder();
        for (StreamEvent e : events) if (e instanceof StreamEvent.ToolArgumentsDelta a && a.index() == index) sb.append(a.partialJson());
        return sb.toString();
    }
}
