package io.switchboard.simulator.openai;

import io.switchboard.simulator.SimReply.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code background: true} response. Its whole event sequence is computed up front (generation is
 * deterministic); the server releases events over time with its latency model, and the status follows from how
 * far release has got. Readers either poll {@link #json()} or {@link #subscribe} to the events after a sequence
 * number (stored backlog first, then the live tail). Thread-safe: release, cancel and subscribe may come from
 * different event loops.
 */
public final class BackgroundResponse {

    /** Receives released events; {@link #end()} comes once, after the terminal event or on cancel. */
    public interface Listener {
        void frame(Frame frame);
        void end();
    }

    private final ResponseDraft draft;
    private final Instant createdAt;
    private final String model;
    private final List<Frame> frames;
    private final int inProgressIndex;
    private final long completedAt;
    private final List<Listener> listeners = new ArrayList<>();
    private int released;
    private boolean cancelled;

    BackgroundResponse(ResponseDraft draft, Instant createdAt, String model) {
        this.draft = draft;
        this.createdAt = createdAt;
        this.model = model;
        this.completedAt = createdAt.getEpochSecond();
        this.frames = draft.events(completedAt);
        this.inProgressIndex = indexOf("response.in_progress");
    }

    public String id() { return draft.id(); }

    /** The model the response was created with (the server reads its latency). */
    public String model() { return model; }

    Instant createdAt() { return createdAt; }

    /** Every event of the response, in order; a frame's index is its {@code sequence_number}. */
    public List<Frame> frames() { return frames; }

    /** The current status: queued, in_progress, completed, incomplete or cancelled. */
    public synchronized String status() {
        if (cancelled) return "cancelled";
        if (released == frames.size()) return draft.finalStatus();
        return released > inProgressIndex ? "in_progress" : "queued";
    }

    /** True once every event is released or the response was cancelled; nothing more will happen. */
    public synchronized boolean isDone() { return cancelled || released == frames.size(); }

    /** The Response object as {@code GET /v1/responses/{id}} returns it now. */
    public String json() {
        String status = status();
        return (status.equals("completed") || status.equals("incomplete")
                ? draft.finished(completedAt) : draft.snapshot(status)).toString();
    }

    /** Releases events up to (excluding) index {@code upTo} and hands them to current listeners. */
    public synchronized void releaseUpTo(int upTo) {
        if (cancelled) return;
        int target = Math.min(upTo, frames.size());
        for (; released < target; released++) {
            Frame f = frames.get(released);
            for (Listener l : listeners) l.frame(f);
        }
        if (released == frames.size()) endAll();
    }

    /** Stops the response; listeners end without a terminal event. Returns false if it had already finished. */
    public synchronized boolean cancel() {
        if (isDone()) return false;
        cancelled = true;
        endAll();
        return true;
    }

    /**
     * Delivers the released events after {@code startingAfter} (-1 for all), then the live ones as they are
     * released, then {@link Listener#end()}.
     */
    public synchronized void subscribe(int startingAfter, Listener listener) {
        for (int i = Math.max(0, startingAfter + 1); i < released; i++) listener.frame(frames.get(i));
        if (isDone()) listener.end();
        else listeners.add(listener);
    }

    /** Forgets a listener whose client went away. */
    public synchronized void unsubscribe(Listener listener) { listeners.remove(listener); }

    private void endAll() {
        for (Listener l : listeners) l.end();
        listeners.clear();
    }

    private int indexOf(String type) {
        String prefix = "event: " + type + "\n";
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).text().startsWith(prefix)) return i;
        }
        return 0;
    }
}
