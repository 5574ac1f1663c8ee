package io.aiemployee.operator.local;

import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherKind;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How local mode runs.
 *
 * @param vault            the vault
 * @param selected         the watchers to run (the others show as Disabled)
 * @param credentials      where Gmail and WhatsApp find their accounts
 * @param restartPolicy    the backoff schedule shared with the operator
 * @param healthInterval   how often heartbeat files are checked for a hung watcher (30 s)
 * @param heartbeatTimeout a heartbeat older than this means hung: the watcher is killed and restarted
 * @param startupTimeout   how long a started watcher may take to write its first heartbeat
 * @param shutdownGrace    how long children get after SIGTERM before they are killed (5 s)
 * @param timeScale        divides the restart delays (1 in real use; tests run the 2 s / 4 s schedule faster)
 * @param clock            timestamps of log lines, dashboard rows and the status file
 * @param launcher         starts the child processes
 * @param console          where the banner and log lines go besides {@code Logs/system.log}
 */
public record OrchestratorSettings(VaultLayout vault, Set<WatcherKind> selected, Credentials credentials,
                                   RestartPolicy restartPolicy, Duration healthInterval, Duration heartbeatTimeout,
                                   Duration startupTimeout, Duration shutdownGrace, double timeScale, Clock clock, ProcessLauncher launcher,
                                   PrintStream console) {

    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);
    /** The same as the watchers' own stall timeout, after which their /healthz says 503. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    public OrchestratorSettings {
        Objects.requireNonNull(vault, "vault");
        selected = Set.copyOf(selected);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive, was " + timeScale);
        }
    }

    /** Everything at its default, all four watchers selected. */
    public static OrchestratorSettings defaults(VaultLayout vault, ProcessLauncher launcher) {
        return new OrchestratorSettings(vault, Set.of(WatcherKind.values()), Credentials.defaults(System.getenv()),
                RestartPolicy.DEFAULT, DEFAULT_HEALTH_INTERVAL, DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_HEARTBEAT_TIMEOUT,
                DEFAULT_SHUTDOWN_GRACE, 1.0,
                Clock.systemDefaultZone(), launcher, System.out);
    }

    public OrchestratorSettings withSelected(WatcherKind... kinds) {
        return new OrchestratorSettings(vault, Set.copyOf(Arrays.asList(kinds)), credentials, restartPolicy,
                healthInterval, heartbeatTimeout, startupTimeout, shutdownGrace, timeScale, clock, launcher, console);
    }

    public OrchestratorSettings withTiming(Duration health, Duration heartbeat, Duration startup, Duration grace,
                                           double scale) {
        return new OrchestratorSettings(vault, selected, credentials, restartPolicy, health, heartbeat, startup, grace,
                scale, clock, launcher, console);
    }

    public OrchestratorSettings withCredentials(Credentials value) {
        return new OrchestratorSettings(vault, selected, value, restartPolicy, healthInterval, heartbeatTimeout,
                startupTimeout, shutdownGrace, timeScale, clock, launcher, console);
    }

    public OrchestratorSettings withConsole(PrintStream value) {
        return new OrchestratorSettings(vault, selected, credentials, restartPolicy, healthInterval, heartbeatTimeout,
                startupTimeout, shutdownGrace, timeScale, clock, launcher, value);
    }

    /** Watchers in display order: the order of {@link WatcherKind}. */
    List<WatcherKind> allKinds() {
        return List.of(WatcherKind.values());
    }

    /** Real time to wait for a policy delay. */
    Duration scaled(Duration policyDelay) {
        return Duration.ofNanos((long) (policyDelay.toNanos() / timeScale));
    }

    /** Policy time that corresponds to {@code real} elapsed time. */
    Duration unscaled(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() * timeScale));
    }
}
