package io.switchboard.bench.load;

/**
 * Follows the bytes of one SSE response as they arrive, without buffering them: it tells when the first
 * complete event carrying a {@code data:} line is in (time to first token as a client sees it), counts the
 * data events, and remembers whether {@code data: [DONE]} arrived (a stream that ends without it was cut).
 */
final class SseWatcher {
    private static final byte[] DATA = "data:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private int column;          // bytes seen on the current line, '\r' not counted
    private int dataMatch;       // how much of "data:" the current line starts with
    private boolean lineIsData;
    private boolean eventHasData;
    private int doneMatch;
    private boolean done;
    private int dataEvents;

    /**
     * Feeds the next bytes; returns true when they complete the first data event of the stream.
     */
    boolean feed(byte[] bytes, int from, int to) {
        boolean first = false;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\r') continue;
            if (b == '\n') {
                if (column == 0) {
                    if (eventHasData) {
                        dataEvents++;
                        if (dataEvents == 1) first = true;
                    }
                    eventHasData = false;
                } else if (lineIsData) {
                    eventHasData = true;
                }
                column = 0;
                dataMatch = 0;
                lineIsData = false;
                doneMatch = 0;
                continue;
            }
            if (column == dataMatch && dataMatch < DATA.length) {
                dataMatch = b == DATA[dataMatch] ? dataMatch + 1 : 0;
                if (dataMatch == DATA.length) lineIsData = true;
            }
            if (lineIsData && !done) {
                doneMatch = b == DONE[doneMatch] ? doneMatch + 1 : (b == DONE[0] ? 1 : 0);
                if (doneMatch == DONE.length) done = true;
            }
            column++;
        }
        return first;
    }

    int dataEvents() { return dataEvents; }

    /** True once {@code data: [DONE]} arrived (OpenAI Chat's end of stream). */
    boolean sawDone() { return done; }
}
