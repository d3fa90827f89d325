package io.switchboard.simulator;

import java.util.List;

/**
 * When each frame of a stream is due, in nanoseconds from the moment the headers went out: framing events
 * before the first output frame at once, the first output frame after the time to first token, each later
 * output frame after its own tokens' worth of time, and an optional pause before one frame.
 */
final class FrameSchedule {
    private FrameSchedule() {}

    /**
     * @param pauseBefore index of the frame that waits an extra {@code pauseNanos} (-1 for none)
     */
    static long[] due(List<SimReply.Frame> frames, LatencyModel latency, int pauseBefore, long pauseNanos) {
        long[] due = new long[frames.size()];
        long t = 0;
        boolean firstOutput = true;
        for (int i = 0; i < due.length; i++) {
            int tokens = frames.get(i).tokens();
            if (tokens > 0) {
                t += firstOutput ? latency.timeToFirstToken().toNanos() : latency.nanosForTokens(tokens);
                firstOutput = false;
            }
            if (i == pauseBefore) t += pauseNanos;
            due[i] = t;
        }
        return due;
    }

    /** True when every frame is due at once, so the stream can be written in one go without timers. */
    static boolean immediate(long[] due) {
        return due.length == 0 || due[due.length - 1] == 0;
    }
}
