package io.aiemployee.operator.local;

import io.aiemployee.operator.restart.ExitDecision;
import io.aiemployee.vault.VaultFolder;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.vault.dashboard.DashboardPublisher;
import io.aiemployee.vault.dashboard.DashboardWriter;
import io.aiemployee.vault.dashboard.FolderCounter;
import io.aiemployee.vault.dashboard.FolderCounts;
import io.aiemployee.vault.dashboard.SystemSnapshot;
import io.aiemployee.vault.dashboard.WatcherRow;
import io.aiemployee.watcher.WatcherKind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Local mode: runs the watchers as child processes of this JVM under the same restart policy the
 * operator uses. All decisions run on one thread ("orchestrator"); process exits arrive through
 * {@link Process#onExit()} as soon as they happen, and a periodic check finds watchers whose
 * heartbeat file has gone stale (hung) and kills them so they restart. Every change is recorded on a
 * second thread into Dashboard.md and {@code .aiemployee/local/status.yaml}.
 */
public final class LocalOrchestrator {

    public static final String STATE_OWNER = "local";
    static final Duration POLL = Duration.ofMillis(50);

    private final OrchestratorSettings settings;
    private final VaultLayout vault;
    private final OrchestratorLog log;
    private final Map<WatcherKind, Supervised> watchers = new LinkedHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "orchestrator"));
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(
            runnable -> daemon(runnable, "orchestrator-recorder"));
    private final DashboardPublisher dashboard;
    private final CompletableFuture<Duration> allHealthy = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object stopLock = new Object();

    private VaultLock lock;
    private long startNanos;
    private long nextHealthCheckNanos;
    private boolean stopping;
    private boolean stopDone;
    private String lastVerdictMessage;
    private String lastRecordError;
    private RecordedState lastRecorded;

    /** One watcher's mutable state; touched only on the orchestrator thread. */
    private static final class Supervised {
        final WatcherKind kind;
        WatcherState state = WatcherState.PENDING;
        Process process;
        long startedNanos;
        long logOffset;
        int restarts;
        int failureStreak;
        Instant lastRestart;
        Integer lastExitCode;
        String lastError;
        boolean killedAsHung;
        ScheduledFuture<?> pendingRestart;

        Supervised(WatcherKind kind) {
            this.kind = kind;
        }

        WatcherView view() {
            return new WatcherView(kind, state, process == null ? 0 : process.pid(), restarts, lastRestart,
                    lastExitCode, lastError);
        }
    }

    private record RecordedState(SystemSnapshot withoutCounts, FolderCounts counts) {
    }

    public LocalOrchestrator(OrchestratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.vault = settings.vault();
        this.log = new OrchestratorLog(vault.logs().resolve("system.log"), settings.console(), settings.clock());
        this.dashboard = new DashboardPublisher(DashboardWriter.forVault(vault));
    }

    public static Path stateDir(VaultLayout vault) {
        return vault.stateDir(STATE_OWNER);
    }

    public static Path lockFile(VaultLayout vault) {
        return stateDir(vault).resolve("orchestrator.lock");
    }

    public static Path statusFile(VaultLayout vault) {
        return stateDir(vault).resolve("status.yaml");
    }

    static Path heartbeatFile(VaultLayout vault, WatcherKind kind) {
        return stateDir(vault).resolve(kind.id() + ".heartbeat");
    }

    /** The file a watcher's stdout and stderr go to. */
    public static Path processLog(VaultLayout vault, WatcherKind kind) {
        return vault.logs().resolve(kind.id() + "-console.log");
    }

    /**
     * Takes the vault's lock, prints the banner and starts every enabled watcher at once.
     *
     * @throws VaultLock.HeldElsewhereException when another orchestrator runs on this vault
     */
    public void start() throws IOException, VaultLock.HeldElsewhereException {
        vault.ensureFolders();
        try {
            lock = VaultLock.acquire(lockFile(vault), vault.root());
        } catch (IOException | VaultLock.HeldElsewhereException e) {
            loop.shutdownNow();
            recorder.shutdownNow();
            throw e;
        }
        startNanos = System.nanoTime();
        for (WatcherKind kind : settings.allKinds()) {
            Supervised w = new Supervised(kind);
            if (!settings.selected().contains(kind)) {
                w.state = WatcherState.DISABLED;
                w.lastError = "not selected (--watchers)";
            } else {
                settings.credentials().missing(kind).ifPresent(reason -> {
                    w.state = WatcherState.DISABLED;
                    w.lastError = reason;
                });
            }
            watchers.put(kind, w);
        }
        banner();
        await(loop.submit(() -> {
            for (Supervised w : watchers.values()) {
                if (w.state == WatcherState.DISABLED && settings.selected().contains(w.kind)) {
                    log.warning(w.kind.displayName() + " disabled: " + w.lastError);
                } else if (w.state == WatcherState.DISABLED) {
                    log.info(w.kind.displayName() + " not started: " + w.lastError);
                } else {
                    launch(w);
                }
            }
            nextHealthCheckNanos = System.nanoTime() + settings.healthInterval().toNanos();
            record();
        }));
        loop.scheduleWithFixedDelay(this::tick, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes, with the time since {@link #start}, when every enabled watcher first has a heartbeat. */
    public CompletableFuture<Duration> allHealthy() {
        return allHealthy;
    }

    /** The watchers as they are now. */
    public List<WatcherView> watchers() {
        return await(loop.submit(this::views));
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Graceful shutdown: SIGTERM to every child, {@code shutdownGrace} for all of them, then kill
     * what is left (with its own children); returns only when every child is gone and the Offline
     * row is written. Safe to call more than once and from a shutdown hook.
     */
    public void stop() {
        synchronized (stopLock) {
            if (stopDone || lock == null) {
                return;
            }
            log.info("Shutting down: stopping all watchers...");
            Map<Supervised, Process> running = await(loop.submit(() -> {
                stopping = true;
                Map<Supervised, Process> alive = new LinkedHashMap<>();
                for (Supervised w : watchers.values()) {
                    if (w.pendingRestart != null) {
                        w.pendingRestart.cancel(false);
                    }
                    if (w.process != null && w.process.isAlive()) {
                        alive.put(w, w.process);
                        w.process.destroy();
                    }
                }
                return alive;
            }));
            Map<Process, List<ProcessHandle>> descendants = new LinkedHashMap<>();
            running.values().forEach(p -> descendants.put(p, p.descendants().toList()));
            waitForExit(running.values(), settings.shutdownGrace());
            for (Map.Entry<Supervised, Process> entry : running.entrySet()) {
                Process process = entry.getValue();
                if (process.isAlive()) {
                    log.warning(entry.getKey().kind.displayName() + " did not stop within "
                            + settings.shutdownGrace().toSeconds() + "s, killing it");
                    process.destroyForcibly();
                }
                descendants.get(process).stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            }
            waitForExit(running.values(), Duration.ofSeconds(30));
            await(loop.submit(() -> {
                for (Supervised w : watchers.values()) {
                    if (w.state != WatcherState.DISABLED && w.state != WatcherState.CONFIG_ERROR) {
                        w.state = WatcherState.STOPPED;
                    }
                    w.process = null;
                }
                record();
            }));
            loop.shutdownNow();
            recorder.shutdown();
            try {
                recorder.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("All watchers stopped. Orchestrator stopped.");
            try {
                lock.close();
            } catch (IOException e) {
                log.warning("cannot release " + lockFile(vault) + ": " + e.getMessage());
            }
            stopDone = true;
            stopped.countDown();
        }
    }

    // --- on the orchestrator thread ---

    private void launch(Supervised w) {
        Path heartbeat = heartbeatFile(vault, w.kind);
        Path output = processLog(vault, w.kind);
        try {
            Files.deleteIfExists(heartbeat);
            w.logOffset = Files.exists(output) ? Files.size(output) : 0;
            Map<String, String> env = settings.credentials().environmentFor(w.kind);
            Process process = settings.launcher().start(w.kind, vault.root(), heartbeat, output, env);
            w.process = process;
            w.state = WatcherState.PENDING;
            w.killedAsHung = false;
            w.startedNanos = System.nanoTime();
            process.onExit().thenRun(() -> loop.execute(() -> onExit(w, process)));
            if (w.restarts == 0) {
                log.info("Started " + w.kind.displayName() + " (pid " + process.pid() + ")");
            }
        } catch (IOException e) {
            w.process = null;
            log.error("Cannot start " + w.kind.displayName() + ": " + e.getMessage());
            afterFailure(w, ExitDecision.afterExit(settings.restartPolicy(), -1, stopping, w.failureStreak,
                    Duration.ZERO), "cannot start: " + e.getMessage());
        }
    }

    private void onExit(Supervised w, Process process) {
        if (w.process != process) {
            return;
        }
        w.process = null;
        int code = process.exitValue();
        w.lastExitCode = code;
        Duration ranFor = settings.unscaled(Duration.ofNanos(System.nanoTime() - w.startedNanos));
        ExitDecision decision = ExitDecision.afterExit(settings.restartPolicy(), code, stopping,
                w.failureStreak, ranFor);
        switch (decision.action()) {
            case STOP -> w.state = WatcherState.STOPPED;
            case CONFIG_ERROR -> {
                w.state = WatcherState.CONFIG_ERROR;
                w.lastError = lastLine(processLog(vault, w.kind), w.logOffset)
                        .orElse("configuration error (exit code 78)");
                log.error(w.kind.displayName() + " stopped with a configuration error (exit code 78): " + w.lastError
                        + ". Not restarting it; fix the configuration and start the orchestrator again.");
            }
            case RESTART -> {
                String why = w.killedAsHung ? w.lastError : "exited with code " + code;
                if (!w.killedAsHung) {
                    log.warning(w.kind.displayName() + " has died, restarting...");
                }
                afterFailure(w, decision, why);
            }
        }
        record();
    }

    private void afterFailure(Supervised w, ExitDecision decision, String why) {
        if (decision.action() != ExitDecision.Action.RESTART) {
            w.state = WatcherState.STOPPED;
            return;
        }
        w.failureStreak = decision.failureStreak();
        w.lastError = why;
        w.state = WatcherState.BACKING_OFF;
        log.info("Waiting " + seconds(decision.delay()) + " before restart...");
        w.pendingRestart = loop.schedule(() -> restart(w), settings.scaled(decision.delay()).toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void restart(Supervised w) {
        w.pendingRestart = null;
        if (stopping) {
            return;
        }
        w.restarts++;
        w.lastRestart = settings.clock().instant();
        launch(w);
        if (w.process != null) {
            log.info(w.kind.displayName() + " restarted successfully (restart #" + w.restarts + ")");
        }
        record();
    }

    private void tick() {
        if (stopping) {
            return;
        }
        boolean changed = false;
        for (Supervised w : watchers.values()) {
            if (w.state == WatcherState.PENDING && w.process != null && Files.exists(heartbeatFile(vault, w.kind))) {
                w.state = WatcherState.RUNNING;
                changed = true;
            }
        }
        long now = System.nanoTime();
        if (now - nextHealthCheckNanos >= 0) {
            nextHealthCheckNanos = now + settings.healthInterval().toNanos();
            healthCheck();
            changed = true;
        }
        if (changed) {
            record();
        }
    }

    /** The 30-second check: a watcher whose heartbeat is older than the timeout is hung. */
    private void healthCheck() {
        long nowMillis = System.currentTimeMillis();
        for (Supervised w : watchers.values()) {
            if (w.process == null || !w.process.isAlive() || w.killedAsHung) {
                continue;
            }
            long sinceStart = Duration.ofNanos(System.nanoTime() - w.startedNanos).toMillis();
            long lastBeat;
            try {
                Path heartbeat = heartbeatFile(vault, w.kind);
                lastBeat = Files.exists(heartbeat) ? Files.getLastModifiedTime(heartbeat).toMillis() : 0;
            } catch (IOException e) {
                lastBeat = 0;
            }
            // no heartbeat yet: still starting, judged by the startup timeout
            long silentFor = lastBeat == 0 ? sinceStart : Math.min(sinceStart, nowMillis - lastBeat);
            Duration limit = lastBeat == 0 ? settings.startupTimeout() : settings.heartbeatTimeout();
            if (silentFor > limit.toMillis()) {
                String seconds = seconds(Duration.ofMillis(silentFor));
                log.warning(w.kind.displayName() + " is not responding (no heartbeat for " + seconds
                        + "), restarting...");
                w.killedAsHung = true;
                w.lastError = "hung: no heartbeat for " + seconds + "; killed";
                w.process.descendants().forEach(ProcessHandle::destroyForcibly);
                w.process.destroyForcibly();
            }
        }
    }

    private List<WatcherView> views() {
        return watchers.values().stream().map(Supervised::view).toList();
    }

    /** Hands the current state to the recorder thread (Dashboard.md and the status file). */
    private void record() {
        if (stopping && !stoppingFinished()) {
            return; // during shutdown only the final Offline state is recorded
        }
        List<WatcherView> views = views();
        SystemStateRule.Verdict verdict = SystemStateRule.of(views, stopping);
        if (!verdict.message().equals(lastVerdictMessage)) {
            lastVerdictMessage = verdict.message();
            log.info(verdict.message());
        }
        if (verdict.state() == io.aiemployee.vault.dashboard.SystemState.ONLINE && !allHealthy.isDone()) {
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            allHealthy.complete(took);
            log.info("All watchers healthy " + took.toMillis() + " ms after start");
        }
        Instant now = settings.clock().instant();
        List<WatcherRow> rows = views.stream().map(v -> new WatcherRow(v.name(), v.state().displayName(),
                v.restarts(), v.lastRestart(), v.lastError())).toList();
        SystemSnapshot snapshot = new SystemSnapshot(verdict.state(), verdict.message(), rows, FolderCounts.EMPTY, now);
        LocalStatus status = new LocalStatus(ProcessHandle.current().pid(), vault.root().toString(), now,
                verdict.state().name().charAt(0) + verdict.state().name().substring(1).toLowerCase(),
                verdict.message(), views);
        recorder.execute(() -> write(snapshot, status));
    }

    private boolean stoppingFinished() {
        return stopping && watchers.values().stream().allMatch(w -> w.process == null);
    }

    // --- on the recorder thread ---

    private void write(SystemSnapshot snapshot, LocalStatus status) {
        try {
            status.writeTo(statusFile(vault));
            FolderCounts counts = FolderCounter.count(vault);
            SystemSnapshot withoutTime = new SystemSnapshot(snapshot.state(), snapshot.message(), snapshot.watchers(),
                    FolderCounts.EMPTY, Instant.EPOCH);
            RecordedState now = new RecordedState(withoutTime, counts);
            if (now.equals(lastRecorded)) {
                return;
            }
            dashboard.publish(new SystemSnapshot(snapshot.state(), snapshot.message(), snapshot.watchers(), counts,
                    snapshot.time()));
            lastRecorded = now;
            lastRecordError = null;
        } catch (IOException | RuntimeException e) {
            String message = "cannot update " + vault.dashboard() + ": " + e.getMessage();
            if (!message.equals(lastRecordError)) {
                log.warning(message);
                lastRecordError = message;
            }
        }
    }

    // --- helpers ---

    private void banner() {
        String rule = "=".repeat(60);
        List<String> running = watchers.values().stream().filter(w -> w.state != WatcherState.DISABLED)
                .map(w -> w.kind.displayName()).toList();
        log.raw(rule);
        log.raw("AI Employee Orchestrator Starting (local mode)");
        log.raw(rule);
        log.raw("Vault:         " + vault.root());
        log.raw("Watchers:      " + (running.isEmpty() ? "(none)" : String.join(", ", running)));
        for (Supervised w : watchers.values()) {
            if (w.state == WatcherState.DISABLED) {
                log.raw("Disabled:      " + w.kind.displayName() + ": " + w.lastError);
            }
        }
        log.raw("Health checks: every " + seconds(settings.healthInterval()) + ", hung after "
                + seconds(settings.heartbeatTimeout()) + " without a heartbeat");
        log.raw("Restarts:      after " + seconds(settings.restartPolicy().initialDelay()) + ", doubling up to "
                + seconds(settings.restartPolicy().maxDelay()) + "; exit code 78 is not restarted");
        log.raw("Logs:          " + vault.folder(VaultFolder.LOGS).resolve("system.log") + " (one <watcher>-console.log each)");
        log.raw("Press Ctrl+C to stop.");
        log.raw(rule);
    }

    static String seconds(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    private static java.util.Optional<String> lastLine(Path file, long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(from, length - 8192);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
            lines.removeIf(String::isBlank);
            return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static void waitForExit(java.util.Collection<Process> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the caller kills what is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "LocalOrchestrator[" + vault.root() + ", " + watchers.keySet().stream().map(WatcherKind::id)
                .collect(Collectors.joining(",")) + "]";
    }
}
