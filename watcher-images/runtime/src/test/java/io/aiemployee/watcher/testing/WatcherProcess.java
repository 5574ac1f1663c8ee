package io.aiemployee.watcher.testing;

import io.aiemployee.watcher.WatcherMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code watcher ...} in a child JVM with the test's class path, as pods and local mode start it
 * (plugged-in watchers included). The environment variables the watchers read are cleared first, so
 * the developer's shell cannot leak into a test; {@code env} sets the ones a test wants.
 * Other modules get it through the runtime's test-jar.
 */
public final class WatcherProcess {

    private WatcherProcess() {
    }

    /** Starts {@code watcher args...}; stdout and stderr go to {@code output}. */
    public static Process start(Path output, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WatcherMain.class.getName());
        command.addAll(args);
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("VAULT_PATH") || name.equals("HEARTBEAT_FILE")
                || name.equals("HEALTH_PORT") || name.equals("TERMINATION_LOG") || name.startsWith("GMAIL_")
                || name.startsWith("WHATSAPP_") || name.equals("CHROMIUM_PATH"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
