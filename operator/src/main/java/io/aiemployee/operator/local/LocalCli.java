package io.aiemployee.operator.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point for local mode on its own ({@code run}, {@code status}); the {@code aiemployee} root
 * command registers the same two subcommands.
 */
@Command(name = "aiemployee", mixinStandardHelpOptions = true, subcommands = {RunCommand.class, StatusCommand.class},
        description = "Personal AI Employee: local mode.")
public final class LocalCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalCli()).execute(args));
    }
}
