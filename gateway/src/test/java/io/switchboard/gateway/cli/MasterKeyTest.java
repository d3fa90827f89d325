package io.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    private final GatewayConfig offline = GatewayConfig.withSimulator("http://127.0.0.1:1/v1", "http://127.0.0.1:1");

    @Test
    void generatesAKeyOnceKeepsOnlyItsHashAndAcceptsItAfterARestart(@TempDir Path dir) throws Exception {
        MasterKey first = MasterKey.resolve(offline, Map.of(), dir);
        String printed = announced(first);
        String key = printed.lines().map(String::strip).filter(l -> l.startsWith("sk-sb-master-")).findFirst().orElseThrow();

        assertThat(Files.readString(dir.resolve(MasterKey.HASH_FILE))).doesNotContain(key);
        assertThat(first.authenticator().authenticate(key)).contains("master");

        MasterKey restarted = MasterKey.resolve(offline, Map.of(), dir);
        assertThat(announced(restarted)).doesNotContain(key);
        assertThat(restarted.authenticator().authenticate(key)).contains("master");
        assertThat(restarted.authenticator().authenticate(key + "x")).isEmpty();
        assertThat(restarted.authenticator().authenticate(null)).isEmpty();
    }

    @Test
    void theEnvironmentKeyWinsAndIsNeverPrinted(@TempDir Path dir) {
        MasterKey fromEnv = MasterKey.resolve(offline, Map.of(GatewayConfig.MASTER_KEY_ENV, "sk-from-env"), dir);
        assertThat(fromEnv.authenticator().authenticate("sk-from-env")).contains("master");
        assertThat(fromEnv.authenticator().authenticate("sk-other")).isEmpty();
        assertThat(announced(fromEnv)).doesNotContain("sk-from-env");
        assertThat(dir.resolve(MasterKey.HASH_FILE)).doesNotExist();
    }

    private static String announced(MasterKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        key.announce(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
