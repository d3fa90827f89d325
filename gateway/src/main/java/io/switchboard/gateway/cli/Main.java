package io.switchboard.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard serve | sim}: the entry point of the runnable jar (see the {@code ./switchboard} launcher). */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
        description = "A control plane for OpenAI and Anthropic calls: gateway and provider simulator.",
        subcommands = {ServeCommand.class, SimCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) System.exit(code);
    }
}
