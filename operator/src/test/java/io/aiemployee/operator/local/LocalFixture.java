package io.aiemployee.operator.local;

import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A temporary vault with fake watchers (see {@link FakeWatcher}) and helpers to look at what they did. */
final class LocalFixture {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final List<String> CHILD_JVM = List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The 2 s / 4 s schedule runs ten times faster. */
    static final double TIME_SCALE = 10;
    /** Fakes beat every 100 ms; this leaves room for a loaded machine. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than a child JVM takes to start on a busy 2-core machine. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    final Path root;
    final VaultLayout vault;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    final PrintStream console;

    LocalFixture(Path root) {
        this.root = root;
        this.vault = VaultLayout.at(root.resolve("vault")).ensureFolders();
        OutputStream tee = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                consoleBytes.write(b);
                System.out.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                consoleBytes.write(b, off, len);
                System.out.write(b, off, len);
            }
        };
        this.console = new PrintStream(tee, true, StandardCharsets.UTF_8);
    }

    static ProcessLauncher fakeLauncher() {
        return new ProcessLauncher(JAVA, System.getProperty("java.class.path"), FakeWatcher.class.getName(), CHILD_JVM);
    }

    /** Filesystem and approval selected; Gmail and WhatsApp have no credentials here. */
    OrchestratorSettings settings() {
        Credentials none = new Credentials(root.resolve("no-gmail"), root.resolve("no-session"), root.resolve("no-chromium"));
        return new OrchestratorSettings(vault, Set.of(WatcherKind.values()), none, RestartPolicy.DEFAULT,
                Duration.ofMillis(200), HEARTBEAT_TIMEOUT, STARTUP_TIMEOUT, Duration.ofSeconds(5), TIME_SCALE,
                Clock.systemDefaultZone(), fakeLauncher(), console);
    }

    String console() {
        synchronized (consoleBytes) {
            return consoleBytes.toString(StandardCharsets.UTF_8);
        }
    }

    void mode(WatcherKind kind, String mode) throws IOException {
        Path control = vault.root().resolve(".fake");
        Files.createDirectories(control);
        Files.writeString(control.resolve(kind.id() + ".mode"), mode);
    }

    /** Start times (epoch millis) of every run of {@code kind}. */
    List<Long> starts(WatcherKind kind) throws IOException {
        return lines(kind.id() + ".starts").stream().map(line -> Long.parseLong(line.split(" ")[0])).toList();
    }

    List<Long> pids(WatcherKind kind) throws IOException {
        return lines(kind.id() + ".starts").stream().map(line -> Long.parseLong(line.split(" ")[1])).toList();
    }

    /** Pids that stopped cleanly on SIGTERM. */
    List<Long> stoppedCleanly(WatcherKind kind) throws IOException {
        return lines(kind.id() + ".stopped").stream().map(Long::parseLong).toList();
    }

    private List<String> lines(String name) throws IOException {
        Path file = vault.root().resolve(".fake").resolve(name);
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    String dashboard() throws IOException {
        return Files.readString(vault.dashboard());
    }

    String systemLog() throws IOException {
        return Files.readString(vault.logs().resolve("system.log"));
    }

    /** The orchestrator's view of one watcher. */
    static WatcherView view(LocalOrchestrator orchestrator, WatcherKind kind) {
        return orchestrator.watchers().stream().filter(w -> w.kind() == kind).findFirst().orElseThrow();
    }
}
