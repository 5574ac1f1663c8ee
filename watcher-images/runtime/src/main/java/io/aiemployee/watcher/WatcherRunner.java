package io.aiemployee.watcher;

import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs a {@link Watcher}: prepares the vault folders, logging to
 * {@code Logs/<Display Name>.log}, the liveness signal ({@code /healthz} and/or the heartbeat
 * file), the SIGTERM shutdown hook, and maps the outcome to an exit code (0 clean stop, 1 crash,
 * 78 configuration error with a one-line reason on stderr and in the termination-message file).
 *
 * <p>Subcommands call {@link #run(Watcher, WatcherOptions)} and return its result. Tests and
 * embedders create an instance, call {@link #runUntilStopped()} on a thread and {@link #stop()}.
 */
public final class WatcherRunner {

    /** How long a stop request waits for {@link Watcher#run} to return. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(WatcherRunner.class);

    private final SupervisedLoop watcher;
    private final WatcherOptions options;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = -1;
    private volatile HealthServer health;
    private volatile boolean stopRequested;

    public WatcherRunner(SupervisedLoop watcher, WatcherOptions options) {
        this(watcher, options, Clock.systemDefaultZone());
    }

    public WatcherRunner(SupervisedLoop watcher, WatcherOptions options, Clock clock) {
        this.watcher = watcher;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Runs {@code watcher} in this thread until it stops, with a shutdown hook that turns SIGTERM
     * into a clean stop (exit 0 when {@code run} returns within {@link #STOP_GRACE}). Returns the
     * exit code; {@code main} passes it to {@link System#exit}.
     */
    public static int run(SupervisedLoop watcher, WatcherOptions options) {
        return new WatcherRunner(watcher, options).runWithShutdownHook();
    }

    public int runWithShutdownHook() {
        Thread hook = new Thread(this::onShutdown, "watcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = runUntilStopped();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and will halt with our exit code
        }
        return code;
    }

    /** Runs the watcher in the calling thread until it returns, fails, or {@link #stop()} is called. */
    public int runUntilStopped() {
        try {
            exitCode = execute();
            return exitCode;
        } finally {
            finished.countDown();
        }
    }

    /** Asks the watcher to stop and waits up to {@link #STOP_GRACE}; true when it stopped in time. */
    public boolean stop() throws InterruptedException {
        requestStop();
        return finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void requestStop() {
        stopRequested = true;
        stop.countDown();
    }

    /** The port {@code /healthz} is served on while running, or -1. */
    public int healthPort() {
        HealthServer server = health;
        return server == null ? -1 : server.port();
    }

    private int execute() {
        String name = watcher.displayName();
        if (options.vault() == null) {
            return configurationError("no vault: give --vault PATH or set VAULT_PATH");
        }
        VaultLayout vault;
        try {
            vault = VaultLayout.at(options.vault()).ensureFolders();
        } catch (UncheckedIOException e) {
            return configurationError(e.getMessage());
        }
        Path logFile = WatcherLogging.logFile(vault, watcher.displayName());
        Runnable detachLogFile = WatcherLogging.attachFile(logFile);
        try {
            Liveness liveness = new Liveness(options.stallTimeout(), options.heartbeatFile(), System::nanoTime);
            liveness.beat();
            if (options.healthPort() > 0) {
                try {
                    health = HealthServer.start(options.healthPort(), name, liveness);
                } catch (IOException e) {
                    return configurationError("cannot serve /healthz on port " + options.healthPort() + ": " + e.getMessage());
                }
            }
            try {
                log.info("{} starting (vault {}, health port {}, heartbeat file {})", name, vault.root(),
                        options.healthPort() > 0 ? options.healthPort() : "off",
                        options.heartbeatFile() == null ? "off" : options.heartbeatFile());
                watcher.run(new Context(vault, liveness));
                log.info("{} stopped", name);
                return ExitCodes.OK;
            } catch (ConfigurationException e) {
                log.error("{} configuration error: {}", name, e.getMessage());
                return configurationError(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (stopRequested) {
                    log.info("{} stopped", name);
                    return ExitCodes.OK;
                }
                return crash(name, e);
            } catch (Exception | Error e) {
                return crash(name, e);
            } finally {
                HealthServer server = health;
                health = null;
                if (server != null) {
                    server.close();
                }
            }
        } finally {
            detachLogFile.run();
        }
    }

    private int crash(String name, Throwable e) {
        log.error("{} crashed", name, e);
        TerminationMessage.report(name + " crashed: " + e, options.terminationLog());
        return ExitCodes.CRASH;
    }

    private int configurationError(String reason) {
        TerminationMessage.report(reason, options.terminationLog());
        return ExitCodes.CONFIG_ERROR;
    }

    private void onShutdown() {
        boolean wasRunning = finished.getCount() > 0;
        requestStop();
        if (!wasRunning) {
            return; // a normal System.exit after the watcher returned: nothing to do
        }
        boolean stopped;
        try {
            stopped = finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopped = false;
        }
        if (!stopped) {
            log.error("{} did not stop within {} s after SIGTERM", watcher.displayName(), STOP_GRACE.toSeconds());
        }
        WatcherLogging.flush();
        // Without halt the JVM would exit with 143 (128 + SIGTERM); a clean stop is 0.
        Runtime.getRuntime().halt(stopped ? exitCode : ExitCodes.CRASH);
    }

    private final class Context implements WatcherContext {
        private final VaultLayout vault;
        private final Liveness liveness;

        Context(VaultLayout vault, Liveness liveness) {
            this.vault = vault;
            this.liveness = liveness;
        }

        @Override
        public VaultLayout vault() {
            return vault;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public void heartbeat() {
            liveness.beat();
        }

        @Override
        public boolean stopRequested() {
            return stopRequested;
        }

        @Override
        public boolean awaitStop(Duration timeout) throws InterruptedException {
            return stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
