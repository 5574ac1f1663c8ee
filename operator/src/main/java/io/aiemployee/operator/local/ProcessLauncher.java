package io.aiemployee.operator.local;

import io.aiemployee.watcher.WatcherKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts a watcher as a child JVM following the process contract
 * ({@code java -cp <classpath> io.aiemployee.watcher.WatcherMain <id> --vault V --heartbeat-file F}),
 * with its output appended to its own log file.
 */
public final class ProcessLauncher {

    public static final String WATCHER_MAIN = "io.aiemployee.watcher.WatcherMain";
    /** Extra JVM options for every watcher, replacing {@link #DEFAULT_JVM_OPTIONS}. */
    public static final String JAVA_OPTS_ENV = "AIEMPLOYEE_WATCHER_JAVA_OPTS";
    /** Small and quick to start: the watchers are I/O-bound loops. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final File NULL_DEVICE =
            new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

    private final String java;
    private final String classpath;
    private final String mainClass;
    private final List<String> jvmOptions;

    public ProcessLauncher(String java, String classpath, String mainClass, List<String> jvmOptions) {
        this.java = java;
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Children run on this JVM's java and class path. */
    public static ProcessLauncher forThisJvm(String mainClass, Map<String, String> env) {
        String opts = env.get(JAVA_OPTS_ENV);
        List<String> jvmOptions = opts == null ? DEFAULT_JVM_OPTIONS
                : Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new ProcessLauncher(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), mainClass, jvmOptions);
    }

    public List<String> command(WatcherKind kind, Path vault, Path heartbeatFile) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass, kind.id(),
                "--vault", vault.toString(), "--heartbeat-file", heartbeatFile.toString()));
        return command;
    }

    public Process start(WatcherKind kind, Path vault, Path heartbeatFile, Path logFile, Map<String, String> env)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command(kind, vault, heartbeatFile))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
        builder.environment().putAll(env);
        return builder.start();
    }
}
