package io.aiemployee.watcher;

import io.aiemployee.watcher.approval.ApprovalCommand;
import io.aiemployee.watcher.filesystem.FilesystemCommand;
import java.nio.file.Path;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code watcher <filesystem|approval|gmail|whatsapp|...> --vault PATH [options]}: every watcher
 * process is this program. Built-in subcommands live in this module; others (Gmail, WhatsApp)
 * register through {@link ServiceLoader} and {@link WatcherPlugin}.
 */
@Command(name = "watcher", mixinStandardHelpOptions = true, version = "watcher " + WatcherImages.TAG,
        description = "Runs one AI Employee watcher against a vault.",
        subcommands = {FilesystemCommand.class, ApprovalCommand.class},
        footer = {"", "Exit codes: 0 clean stop, 1 crash, 78 configuration error."})
public final class WatcherMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        WatcherLogging.selectConfiguration(); // before any logger exists
        System.exit(execute(args));
    }

    /** Parses and runs; returns the exit code (does not exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with the built-in and the plugged-in subcommands. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WatcherMain());
        for (WatcherPlugin plugin : ServiceLoader.load(WatcherPlugin.class)) {
            commandLine.addSubcommand(plugin.kind().id(), plugin.command());
        }
        commandLine.setParameterExceptionHandler((exception, args) -> {
            // a wrong option is a configuration error: restarting will not fix it
            exception.getCommandLine().usage(System.err);
            TerminationMessage.report(exception.getMessage(), terminationLogFromEnvironment());
            return ExitCodes.CONFIG_ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            TerminationMessage.report("crashed: " + exception, terminationLogFromEnvironment());
            exception.printStackTrace(System.err);
            return ExitCodes.CRASH;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "no watcher given: use one of " + spec.subcommands().keySet());
    }

    private static Path terminationLogFromEnvironment() {
        String configured = System.getenv("TERMINATION_LOG");
        return configured == null || configured.isBlank() ? WatcherOptions.DEFAULT_TERMINATION_LOG : Path.of(configured);
    }
}
