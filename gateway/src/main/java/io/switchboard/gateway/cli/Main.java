package io.switchboard.gateway.cli;

import io.switchboard.engine.config.ConfigException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard serve | sim}: the entry point of the runnable jar (see the {@code ./switchboard} launcher). */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
        description = "A control plane for OpenAI and Anthropic calls: gateway and provider simulator.",
        subcommands = {ServeCommand.class, SimCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) System.exit(code);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::reportStartupError);
    }

    /** A bad config or flag value is the user's to fix: one line naming it, no stack trace. */
    private static int reportStartupError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException)) throw e;
        cmd.getErr().println("switchboard: " + e.getMessage());
        return 2;
    }
}
