package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Portkey AI Gateway as the peer: installed by the peer folder's own {@code setup.sh} (npm, with the pins
 * that keep its streaming working) into a writable copy of that folder, and run as one Node process.
 */
final class PortkeyPeer {
    static final String ENTRY = "node_modules/@portkey-ai/gateway/build/start-server.js";

    private PortkeyPeer() {}

    /** Makes sure {@code home} holds an installed copy of the peer folder {@code source}; returns the entry script. */
    static Path install(Path source, Path home, Path log) throws IOException, InterruptedException {
        Path entry = home.resolve(ENTRY);
        if (Files.exists(entry)) return entry;
        if (!Files.isRegularFile(source.resolve("setup.sh"))) {
            throw new IllegalStateException("no Portkey peer folder at " + source + " (set --peer-dir)");
        }
        Files.createDirectories(home);
        // The source folder is shared and read-only to us: copy its files, install in the copy.
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, home.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        System.err.println("bench: installing the Portkey peer in " + home + " (npm; log: " + log + ")...");
        Process setup = new ProcessBuilder("bash", "setup.sh").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int code = setup.waitFor();
        if (code != 0 || !Files.exists(entry)) {
            throw new IllegalStateException("the Portkey install failed (exit " + code + "); see " + log);
        }
        return entry;
    }

    /** Starts the gateway headless on {@code port} with NODE_ENV=production, as its README does. */
    static ChildProcess start(Path entry, int port, Path log, ChildProcesses children) throws IOException, InterruptedException {
        ChildProcess node = ChildProcess.start("portkey", List.of("node", entry.toString(), "--port=" + port, "--headless"),
                Map.of("NODE_ENV", "production"), entry.getParent(), log, children);
        node.awaitPort(port, 30_000);
        Thread.sleep(1200); // it draws a one-second start-up spinner after listen()
        return node;
    }

    /** The installed gateway's version, for the report. */
    static String version(Path entry) {
        try {
            Path pkg = entry.getParent().getParent().resolve("package.json");
            return new ObjectMapper().readTree(pkg.toFile()).path("version").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
