package io.switchboard.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something the load is sent to: the simulator directly, Switchboard in front of it, or a peer gateway in front
 * of it. All three get the same request bodies; only the model name and the headers differ.
 *
 * @param name      short id used in files and JSON: direct, switchboard, floor, portkey
 * @param label     what the report calls it
 * @param port      where it listens on 127.0.0.1
 * @param model     the {@code model} of the measured requests (a route alias for Switchboard)
 * @param holdModel the {@code model} of the slow streams of the hold test
 * @param headers   request headers besides content-type (auth, peer routing)
 * @param measured  the processes whose CPU and memory a row reports, the server under test first
 */
record Target(String name, String label, int port, String model, String holdModel, Map<String, String> headers,
              Map<String, Long> measured) {

    static final String DIRECT = "direct";
    static final String SWITCHBOARD = "switchboard";
    /** The bare Vert.x pass-through proxy ({@link FloorProxy}). */
    static final String FLOOR = "floor";

    Target {
        headers = Map.copyOf(headers);
        measured = new LinkedHashMap<>(measured);
    }

    /** The role of the server under test (simulator, gateway, portkey). */
    String serverRole() { return measured.keySet().iterator().next(); }
}
