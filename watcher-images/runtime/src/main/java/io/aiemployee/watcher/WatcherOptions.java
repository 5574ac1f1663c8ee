package io.aiemployee.watcher;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options every watcher subcommand shares, as a picocli mixin: put
 * {@code @Mixin WatcherOptions options;} in a subcommand and hand it to
 * {@link WatcherRunner#run(Watcher, WatcherOptions)}. Each option can also come from an
 * environment variable, so pods configure watchers with {@code env}.
 */
public class WatcherOptions {

    /** Where Kubernetes reads a container's termination message from. */
    public static final Path DEFAULT_TERMINATION_LOG = Path.of("/dev/termination-log");

    @Option(names = "--vault", defaultValue = "${env:VAULT_PATH}",
            description = "The vault folder (env VAULT_PATH).")
    private Path vault;

    @Option(names = "--health-port", defaultValue = "${env:HEALTH_PORT:-0}",
            description = "Serve GET /healthz on this port; 0 turns it off (env HEALTH_PORT, default 0).")
    private int healthPort;

    @Option(names = "--heartbeat-file", defaultValue = "${env:HEARTBEAT_FILE}",
            description = "Touch this file while the loop makes progress (env HEARTBEAT_FILE).")
    private Path heartbeatFile;

    private Duration stallTimeout = Duration.ofSeconds(120);

    @Option(names = "--termination-log", defaultValue = "${env:TERMINATION_LOG:-/dev/termination-log}",
            description = "Where the one-line reason of a failed run is written when the file exists "
                    + "(env TERMINATION_LOG, default /dev/termination-log).")
    private Path terminationLog = DEFAULT_TERMINATION_LOG;

    @Option(names = "--stall-timeout", defaultValue = "${env:STALL_TIMEOUT_SECONDS:-120}", paramLabel = "SECONDS",
            description = "Seconds without a heartbeat after which the watcher counts as stalled: /healthz answers 503 "
                    + "(env STALL_TIMEOUT_SECONDS, default 120).")
    void stallTimeoutSeconds(long seconds) {
        this.stallTimeout = Duration.ofSeconds(seconds);
    }

    /** Options for code (tests, embedders) that does not go through the command line. */
    public static WatcherOptions forVault(Path vault) {
        return new WatcherOptions().vault(vault);
    }

    public Path vault() { return vault; }

    public int healthPort() { return healthPort; }

    public Path heartbeatFile() { return heartbeatFile; }

    public Duration stallTimeout() { return stallTimeout; }

    public Path terminationLog() { return terminationLog; }

    public WatcherOptions vault(Path value) {
        this.vault = value;
        return this;
    }

    public WatcherOptions healthPort(int value) {
        this.healthPort = value;
        return this;
    }

    public WatcherOptions heartbeatFile(Path value) {
        this.heartbeatFile = value;
        return this;
    }

    public WatcherOptions stallTimeout(Duration value) {
        this.stallTimeout = value;
        return this;
    }

    public WatcherOptions terminationLog(Path value) {
        this.terminationLog = value;
        return this;
    }
}
