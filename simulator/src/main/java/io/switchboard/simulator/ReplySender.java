package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.Fault.CutAfter;
import io.switchboard.simulator.Fault.Idle;
import io.switchboard.simulator.Fault.Malformed;
import io.switchboard.simulator.Fault.Stall;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Writes a {@link SimReply} with the latency model and the request's fault (stall, cut, idle, malformed).
 * The fast path (no latency, no fault) writes everything at once and schedules no timer.
 */
final class ReplySender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final LongSupplier ticker;

    ReplySender(Vertx vertx, LongSupplier ticker) {
        this.vertx = vertx;
        this.ticker = ticker;
    }

    void send(Exchange ex, SimReply reply, Fault fault, LatencyModel latency) {
        switch (reply) {
            case SimReply.Json json -> json(ex, json, fault, latency);
            case SimReply.Stream stream -> stream(ex, stream, fault, latency);
        }
    }

    /** A JSON answer; successful ones wait for the whole generation under {@code latency}. */
    void json(Exchange ex, SimReply.Json reply, Fault fault, LatencyModel latency) {
        long delayNanos = stallNanos(fault);
        if (reply.status() == 200 && !latency.isNone()) delayNanos += latency.totalNanos(outputTokens(reply.body()));
        later(delayNanos, () -> writeJson(ex, reply, fault));
    }

    void stream(Exchange ex, SimReply.Stream reply, Fault fault, LatencyModel latency) {
        List<SimReply.Frame> frames = fault instanceof Malformed ? corruptOne(reply.frames()) : reply.frames();
        int pauseAt = fault instanceof Idle ? Math.max(1, frames.size() / 3) : -1;
        long pauseNanos = fault instanceof Idle idle ? idle.millis() * 1_000_000 : 0;
        long[] due = FrameSchedule.due(frames, latency, pauseAt, pauseNanos);
        int cut = fault instanceof CutAfter c ? c.frames() : -1;
        later(stallNanos(fault), () -> {
            if (ex.gone()) return;
            ex.head(200, "text/event-stream; charset=utf-8", streamHeaders(reply.headers()));
            if (cut < 0 && FrameSchedule.immediate(due)) {
                ex.response.end(Buffer.buffer(concat(frames)));
            } else {
                new FramePump(vertx, ex, frames, due, cut, ticker).start();
            }
        });
    }

    private static String concat(List<SimReply.Frame> frames) {
        int length = 0;
        for (SimReply.Frame f : frames) length += f.text().length();
        StringBuilder sb = new StringBuilder(length);
        for (SimReply.Frame f : frames) sb.append(f.text());
        return sb.toString();
    }

    static Map<String, String> streamHeaders(Map<String, String> replyHeaders) {
        Map<String, String> headers = new HashMap<>(replyHeaders);
        headers.put("cache-control", "no-cache");
        return headers;
    }

    private void writeJson(Exchange ex, SimReply.Json reply, Fault fault) {
        if (ex.gone()) return;
        Buffer body = Buffer.buffer(reply.body());
        if (fault instanceof Malformed) body = body.getBuffer(0, body.length() / 2);
        ex.head(reply.status(), "application/json", reply.headers());
        if (fault instanceof CutAfter) {
            ex.response.putHeader("content-length", Integer.toString(body.length()));
            ex.response.write(body.getBuffer(0, body.length() / 2)).onComplete(done -> ex.abort());
        } else if (fault instanceof Idle idle) {
            ex.response.putHeader("content-length", Integer.toString(body.length()));
            int third = body.length() / 3;
            ex.response.write(body.getBuffer(0, third));
            Buffer rest = body.getBuffer(third, body.length());
            vertx.setTimer(Math.max(1, idle.millis()), id -> {
                if (!ex.gone()) ex.response.end(rest);
            });
        } else {
            ex.response.end(body);
        }
    }

    private void later(long nanos, Runnable action) {
        if (nanos <= 0) action.run();
        else vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> action.run());
    }

    private static long stallNanos(Fault fault) {
        return fault instanceof Stall s ? s.millis() * 1_000_000 : 0;
    }

    /** Output tokens from a success body's usage ({@code completion_tokens} or {@code output_tokens}). */
    static int outputTokens(String body) {
        try {
            JsonNode usage = JSON.readTree(body).path("usage");
            return usage.path("completion_tokens").asInt(usage.path("output_tokens").asInt(0));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The frames with the middle JSON frame cut in half, so its {@code data:} line is not valid JSON. */
    static List<SimReply.Frame> corruptOne(List<SimReply.Frame> frames) {
        List<SimReply.Frame> out = new ArrayList<>(frames);
        for (int i = frames.size() / 2; i < frames.size() + frames.size() / 2; i++) {
            int index = i % frames.size();
            String text = frames.get(index).text();
            int data = text.indexOf("data: {");
            if (data < 0) continue;
            int end = text.indexOf('\n', data);
            String json = text.substring(data + 6, end < 0 ? text.length() : end);
            out.set(index, new SimReply.Frame(text.substring(0, data + 6) + json.substring(0, json.length() / 2) + "\n\n",
                    frames.get(index).tokens()));
            return out;
        }
        return out;
    }
}
