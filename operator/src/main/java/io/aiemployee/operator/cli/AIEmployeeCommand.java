package io.aiemployee.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aiemployee} command. A new subcommand is one more entry in {@code subcommands}. */
@Command(name = "aiemployee", mixinStandardHelpOptions = true,
        description = "Runs the Personal AI Employee: the Kubernetes operator and its helpers.",
        subcommands = {
                OperatorCommand.class,
                io.aiemployee.operator.local.RunCommand.class,
                io.aiemployee.operator.local.StatusCommand.class,
                VaultKeeperCommand.class,
        })
public final class AIEmployeeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AIEmployeeCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
