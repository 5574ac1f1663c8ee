package io.aiemployee.operator.local;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.WatcherKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aiemployee run [VAULT]}: local mode, the watchers as child processes, until Ctrl+C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the watchers on this machine, without a cluster, until Ctrl+C.")
public final class RunCommand implements Callable<Integer> {

    /** Exit code when another orchestrator holds the vault, or the vault cannot be found. */
    public static final int REFUSED = 2;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VAULT",
            description = "The vault folder (default: AI_Employee_Vault in this folder or a parent).")
    Path vault;

    @Option(names = "--watchers", split = ",", paramLabel = "ID",
            description = "Which watchers to run (default: all: filesystem, gmail, whatsapp, approval). "
                    + "Gmail and WhatsApp start only when their credentials are present.")
    List<String> watcherIds;

    @Option(names = "--health-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between health checks (default: ${DEFAULT-VALUE}).")
    double healthIntervalSeconds;

    @Option(names = "--heartbeat-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "A watcher whose heartbeat is older than this is hung and gets restarted (default: ${DEFAULT-VALUE}).")
    double heartbeatTimeoutSeconds;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "A started watcher must write its first heartbeat within this (default: ${DEFAULT-VALUE}).")
    double startupTimeoutSeconds;

    @Option(names = "--time-scale", hidden = true, defaultValue = "1",
            description = "Divides the restart delays (tests and benchmarks only).")
    double timeScale;

    @Option(names = "--watcher-main-class", hidden = true, defaultValue = ProcessLauncher.WATCHER_MAIN,
            description = "The watcher program's main class (tests only).")
    String watcherMainClass;

    @Override
    public Integer call() throws Exception {
        Path root;
        try {
            root = VaultLocator.resolve(vault);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return REFUSED;
        }
        Set<WatcherKind> selected = new LinkedHashSet<>();
        if (watcherIds == null) {
            selected.addAll(List.of(WatcherKind.values()));
        } else {
            for (String id : watcherIds) {
                selected.add(WatcherKind.byId(id.trim()).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "unknown watcher '" + id + "'; known: filesystem, gmail, whatsapp, approval")));
            }
        }
        OrchestratorSettings settings = OrchestratorSettings.defaults(VaultLayout.at(root),
                        ProcessLauncher.forThisJvm(watcherMainClass, System.getenv()))
                .withTiming(seconds(healthIntervalSeconds), seconds(heartbeatTimeoutSeconds), seconds(startupTimeoutSeconds),
                        OrchestratorSettings.DEFAULT_SHUTDOWN_GRACE, timeScale)
                .withSelected(selected.toArray(WatcherKind[]::new));
        LocalOrchestrator orchestrator = new LocalOrchestrator(settings);
        try {
            orchestrator.start();
        } catch (VaultLock.HeldElsewhereException e) {
            System.err.println(e.getMessage());
            return REFUSED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(orchestrator::stop, "orchestrator-shutdown"));
        orchestrator.awaitStopped();
        return 0;
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis((long) (value * 1000));
    }
}
