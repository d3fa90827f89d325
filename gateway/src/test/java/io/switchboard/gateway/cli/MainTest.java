package io.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @Test
    void aBadConfigStopsStartUpWithOneLineNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "providers:\n  openai: { base_url: http://127.0.0.1:1/v1, api_key: k }\nroutes:\n  default:\n    targets: 7\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));

        int code = cmd.execute("serve", "--config", bad.toString(), "--data-dir", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("switchboard: ").contains("bad.yaml line 5").doesNotContain("\tat ");
    }
}
