package io.switchboard.gateway.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where the gateway keeps state: {@code --data-dir}, else {@code $SWITCHBOARD_DATA_DIR}, else {@code ./.switchboard}. */
final class DataDir {
    static final String ENV = "SWITCHBOARD_DATA_DIR";

    private DataDir() {}

    static Path resolve(Path option, Map<String, String> env) {
        if (option != null) return option;
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of(".switchboard");
    }
}
