package io.aiemployee.watcher.filesystem;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.SafeFileNames;
import io.aiemployee.vault.TransientFiles;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.SettleTracker;
import io.aiemployee.watcher.SettleTracker.FileState;
import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbox → Needs_Action. Each file dropped in {@code Inbox/} is, once completely written (size and
 * modification time unchanged for {@code stableFor}), copied into {@code Needs_Action/} with an
 * action file beside it; then the original is moved to {@code Done/Inbox/}, so the Inbox shows
 * what is still to come and the user's file is kept. Events come from a {@link WatchService};
 * a periodic rescan (and every overflow) catches whatever events were lost.
 *
 * <p>Handling is idempotent: the copy and the action file have names derived from the content's
 * hash, are only written when missing, and the handled key is journaled before the original moves,
 * so a crash or restart at any point neither duplicates nor loses a file.
 */
public final class FilesystemWatcher implements Watcher {

    private static final Logger log = LoggerFactory.getLogger(FilesystemWatcher.class);

    private final Settings settings;

    /** Timing of the watcher; tests shorten it. */
    public record Settings(Duration pollInterval, Duration stableFor, Duration rescanInterval, int workers) {
        public Settings {
            workers = Math.max(1, workers);
        }

        public Settings(Duration pollInterval, Duration stableFor, Duration rescanInterval) {
            this(pollInterval, stableFor, rescanInterval, DEFAULT_WORKERS);
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
    }

    /**
     * Files handled in parallel. Handling is bound by fsync latency (copy, action file, journal and
     * renames are each forced to disk), so a few workers overlap those waits.
     */
    public static final int DEFAULT_WORKERS = 8;

    public FilesystemWatcher(Settings settings) {
        this.settings = settings;
    }

    @Override
    public WatcherKind kind() {
        return WatcherKind.FILESYSTEM;
    }

    @Override
    public void run(WatcherContext context) throws Exception {
        VaultLayout vault = context.vault();
        Path inbox = vault.inbox();
        try (WatchService watchService = inbox.getFileSystem().newWatchService();
             ProcessedFiles processed = ProcessedFiles.open(vault.stateDir(kind().id()))) {
            inbox.register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
            Loop loop = new Loop(context, vault, processed);
            try {
                loop.rescan();
                long nextRescan = System.nanoTime() + settings.rescanInterval().toNanos();
                while (!context.stopRequested()) {
                    context.heartbeat();
                    WatchKey key = watchService.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (key != null) {
                        loop.collect(key, inbox);
                        WatchKey more;
                        while ((more = watchService.poll()) != null) {
                            loop.collect(more, inbox);
                        }
                    }
                    if (loop.rescanRequested || System.nanoTime() - nextRescan >= 0) {
                        loop.rescan();
                        nextRescan = System.nanoTime() + settings.rescanInterval().toNanos();
                    }
                    loop.handleStableFiles();
                    loop.failIfAWorkerCrashed();
                }
            } finally {
                loop.shutdown();
            }
        }
    }

    /** The state of one run: candidates being watched until they are stable. */
    private final class Loop {
        private final WatcherContext context;
        private final VaultLayout vault;
        private final ProcessedFiles processed;
        private final SettleTracker settling = new SettleTracker(settings.stableFor());
        /** Files that could not be handled and did not change since; not retried until they do. */
        private final Map<Path, FileState> refused = new ConcurrentHashMap<>();
        private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
        private final ExecutorService workers;
        private final AtomicReference<Throwable> workerCrash = new AtomicReference<>();
        private boolean rescanRequested;

        Loop(WatcherContext context, VaultLayout vault, ProcessedFiles processed) {
            this.context = context;
            this.vault = vault;
            this.processed = processed;
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(settings.workers(), runnable -> {
                Thread thread = new Thread(runnable, "inbox-worker-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        void failIfAWorkerCrashed() throws Exception {
            Throwable crash = workerCrash.get();
            if (crash instanceof Exception e) {
                throw e;
            } else if (crash instanceof Error e) {
                throw e;
            }
        }

        /** Lets files being handled finish (they are idempotent, so an interrupted one is redone on restart). */
        void shutdown() throws InterruptedException {
            workers.shutdown();
            if (!workers.awaitTermination(3, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
        }

        void collect(WatchKey key, Path inbox) {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    log.debug("Watch events overflowed; rescanning the Inbox");
                    rescanRequested = true;
                } else if (event.context() instanceof Path name) {
                    consider(inbox.resolve(name));
                }
            }
            if (!key.reset()) {
                throw new IllegalStateException("the Inbox " + inbox + " can no longer be watched (was it removed?)");
            }
        }

        void rescan() throws IOException {
            rescanRequested = false;
            Set<Path> present = new HashSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(vault.inbox())) {
                for (Path entry : entries) {
                    present.add(entry);
                    consider(entry);
                }
            }
            refused.keySet().retainAll(present);
        }

        private void consider(Path file) {
            if (TransientFiles.isTransient(file.getFileName().toString()) || inFlight.contains(file)) {
                return;
            }
            settling.observe(file);
        }

        void handleStableFiles() {
            for (SettleTracker.Settled settled : settling.settled()) {
                Path file = settled.file();
                if (settled.state().equals(refused.get(file)) || !inFlight.add(file)) {
                    continue;
                }
                workers.execute(() -> handleInWorker(file, settled.state()));
            }
        }

        private void handleInWorker(Path file, FileState observed) {
            if (context.stopRequested()) {
                inFlight.remove(file); // stays in the Inbox for the next start
                return;
            }
            try {
                if (!handle(file)) {
                    refused.put(file, observed);
                }
            } catch (NoSuchFileException gone) {
                log.debug("{} disappeared while being handled", file);
            } catch (IOException | RuntimeException e) {
                log.error("Could not handle {}: {}; it stays in the Inbox and is retried when it changes",
                        file.getFileName(), e.toString());
                refused.put(file, observed);
            } catch (Error e) {
                workerCrash.compareAndSet(null, e);
            } finally {
                inFlight.remove(file);
            }
        }

        /** Handles one stable file; false when it was refused and stays in the Inbox. */
        private boolean handle(Path file) throws IOException {
            String originalName = file.getFileName().toString();
            if (Files.isSymbolicLink(file) && !vault.contains(file)) {
                log.warn("Refused {}: it is a symbolic link to {}, outside the vault", originalName, linkTarget(file));
                return false;
            }
            if (!Files.isRegularFile(file)) {
                log.info("Ignored {}: not a regular file", originalName);
                return false;
            }
            Path needsAction = vault.needsAction();
            StagedCopy staged = StagedCopy.of(file, needsAction);
            try {
                String key = ProcessedFiles.key(staged.sha256(), staged.size(), originalName);
                String baseName = copyName(originalName, staged.sha256());
                Path copy = needsAction.resolve(baseName);
                Path actionFile = needsAction.resolve(baseName + ".md");
                if (processed.contains(key)) {
                    log.info("{} was already handled (same name, size and content); keeping it in {}",
                            originalName, vault.root().relativize(vault.inboxOriginals()));
                } else {
                    staged.commitTo(copy);
                    if (!Files.exists(actionFile)) {
                        AtomicFiles.writeString(actionFile, Frontmatter.render(actionDocument(originalName, baseName, staged)));
                    }
                    processed.add(key);
                    log.info("New file {} ({} bytes) → Needs_Action/{}", originalName, staged.size(), actionFile.getFileName());
                }
                archiveOriginal(file, originalName);
                return true;
            } finally {
                staged.discard();
            }
        }

        private ActionDocument actionDocument(String originalName, String copyName, StagedCopy staged) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("type", "file_drop");
            fields.put("original_name", originalName);
            fields.put("file", copyName);
            fields.put("size", staged.size());
            fields.put("sha256", staged.sha256());
            fields.put("received", context.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
            fields.put("status", "pending");
            fields.put("priority", priority(originalName));
            String body = "# New file: " + originalName + "\n\n"
                    + "Dropped into the Inbox; the copy is [[" + copyName + "]] next to this note"
                    + " and the original is kept in " + vault.root().relativize(vault.inboxOriginals()) + "/.\n\n"
                    + "## Suggested actions\n\n"
                    + "- [ ] Review the file\n"
                    + "- [ ] Decide what to do with it (reply, file it, or write a plan in Plans/)\n";
            return new ActionDocument(fields, body);
        }

        private void archiveOriginal(Path file, String originalName) throws IOException {
            AtomicFiles.moveIntoFolder(file, vault.inboxOriginals(), SafeFileNames.sanitize(originalName));
        }
    }

    /** The name of the copy in Needs_Action/ (the action file adds ".md"): derived from the content, so a redo finds it. */
    public static String copyName(String originalName, String sha256) {
        return SafeFileNames.sanitize("FILE_" + sha256.substring(0, 12) + "_" + originalName);
    }

    static String priority(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("urgent") || lower.contains("asap") ? "high" : "normal";
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
