package io.aiemployee.watcher.approval;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.MalformedFrontmatterException;
import io.aiemployee.vault.SafeFileNames;
import io.aiemployee.vault.TransientFiles;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.SettleTracker;
import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.approval.AuditLog.Decision;
import io.aiemployee.watcher.approval.Outcome.Destination;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety valve: executes what a human approved, exactly once, and nothing else.
 *
 * <p>A file in {@code Approved/} is first claimed by an atomic move into this handler's own
 * {@code In_Progress/<handler id>/} folder (guarded by a lock held while the handler lives); only
 * the handler whose move succeeded goes on. Then: parse and validate, check {@code expires}, run
 * the action (or, in dry run, only describe it), record the result in the frontmatter, append an
 * audit line, and move the file to {@code Done/}, {@code Failed/} or {@code Rejected/}.
 *
 * <p>Whatever is in the claimed folder of a handler that is gone (its lock is free) was maybe
 * executed, maybe not: it goes to {@code Failed/} with "interrupted; not retried" and a human
 * decides. No action is ever retried automatically, so an email never goes out twice.
 *
 * <p>When the vault cannot take an outcome (a full or read-only disk), the handler reports it and
 * keeps the outcome in memory: the approval stays in its claimed folder (a rejected file in
 * {@code Rejected/Archive/}), the handler keeps running, takes no other file meanwhile, and writes
 * the outcome (never the action) again each round until the vault takes it. Only if it stops
 * before that does the next handler find the approval, as interrupted.
 */
public final class ApprovalHandler implements Watcher {

    /** Approval files larger than this are refused unread. */
    public static final long MAX_APPROVAL_BYTES = 1_000_000;
    public static final String INTERRUPTED = "interrupted; not retried";
    static final String LOCK_SUFFIX = ".lock";

    private static final Logger log = LoggerFactory.getLogger(ApprovalHandler.class);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(30);

    /** How the handler behaves; tests shorten the timings. */
    public record Settings(boolean dryRun, Duration pollInterval, Duration stableFor) {
        public static Settings defaults(boolean dryRun) {
            return new Settings(dryRun, Duration.ofMillis(500), Duration.ofMillis(500));
        }
    }

    private final Settings settings;
    private final Map<String, ActionExecutor> executors = new TreeMap<>();
    private final String handlerId;

    public ApprovalHandler(Settings settings, List<ActionExecutor> executors) {
        this.settings = settings;
        for (ActionExecutor executor : executors) {
            this.executors.put(executor.action(), executor);
        }
        this.handlerId = "approval-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The handler with the built-in actions: {@code send_email} and {@code http_post}. */
    public static ApprovalHandler withStandardActions(Settings settings, SmtpSettings smtp) {
        return new ApprovalHandler(settings, List.of(new SendEmailExecutor(smtp), new HttpPostExecutor()));
    }

    @Override
    public WatcherKind kind() {
        return WatcherKind.APPROVAL;
    }

    public String handlerId() {
        return handlerId;
    }

    @Override
    public void run(WatcherContext context) throws Exception {
        VaultLayout vault = context.vault();
        Path locks = vault.stateDir(kind().id());
        Files.createDirectories(locks);
        Path lockFile = locks.resolve(handlerId + LOCK_SUFFIX);
        // lock first, folder second: another handler never sees our folder without our lock held
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock();
             WatchService watchService = vault.root().getFileSystem().newWatchService()) {
            if (lock == null) {
                throw new IllegalStateException("cannot lock " + lockFile);
            }
            Path claimed = Files.createDirectories(vault.claimedBy(handlerId));
            Run run = new Run(context, vault, new AuditLog(vault, context.clock()), claimed);
            log.info("Approval Handler {} ready: {} (actions: {})", handlerId,
                    settings.dryRun() ? "DRY RUN, nothing is executed" : "LIVE, approved actions are executed",
                    executors.keySet());
            run.recoverInterrupted();
            vault.approved().register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
            vault.rejected().register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
            long nextRecovery = System.nanoTime() + RECOVERY_INTERVAL.toNanos();
            while (!context.stopRequested()) {
                context.heartbeat();
                if (run.recordUnrecorded()) {
                    run.handleApproved();
                    run.archiveRejected();
                    if (System.nanoTime() - nextRecovery >= 0) {
                        run.recoverInterrupted();
                        nextRecovery = System.nanoTime() + RECOVERY_INTERVAL.toNanos();
                    }
                }
                var key = watchService.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents(); // only a wake-up: every round lists the folders
                    key.reset();
                }
            }
            run.reportUnrecorded();
            Files.deleteIfExists(claimed); // only when empty; a non-empty one is recovered by the next handler
        } catch (java.nio.file.DirectoryNotEmptyException keep) {
            log.warn("{} stopped with claimed files left; the next handler moves them to Failed/", handlerId);
        } finally {
            Files.deleteIfExists(lockFile);
        }
    }

    /** A write to the vault that failed (a full or read-only disk) and is tried again each round. */
    private record Unrecorded(String file, VaultWrite write) {
    }

    @FunctionalInterface
    private interface VaultWrite {
        void run() throws IOException;
    }

    private final class Run {
        private final WatcherContext context;
        private final VaultLayout vault;
        private final AuditLog audit;
        private final Path claimed;
        private final SettleTracker approvedSettling = new SettleTracker(settings.stableFor());
        private final SettleTracker rejectedSettling = new SettleTracker(settings.stableFor());
        private final Set<Path> reportedDirectories = new HashSet<>();
        private final List<Unrecorded> unrecorded = new ArrayList<>();

        Run(WatcherContext context, VaultLayout vault, AuditLog audit, Path claimed) {
            this.context = context;
            this.vault = vault;
            this.audit = audit;
            this.claimed = claimed;
        }

        void handleApproved() throws IOException {
            for (Path file : entries(vault.approved())) {
                approvedSettling.observe(file);
            }
            for (SettleTracker.Settled settled : approvedSettling.settled()) {
                if (context.stopRequested() || !unrecorded.isEmpty()) {
                    return; // the files not handled are seen again next round
                }
                context.heartbeat();
                handle(settled.file());
            }
        }

        private void handle(Path approvedFile) throws IOException {
            String name = approvedFile.getFileName().toString();
            Path mine = claimed.resolve(name);
            try {
                AtomicFiles.moveNoReplace(approvedFile, mine);
            } catch (NoSuchFileException | FileAlreadyExistsException takenByAnother) {
                return; // another handler claimed it first (or it was moved away)
            }
            Instant started = context.clock().instant();
            Decided decided = decide(mine);
            record(name, new OutcomeWrite(mine, name, decided, started)::rest);
        }

        /**
         * Does {@code write}; when the vault cannot take it, reports why and keeps it, to be tried
         * again by {@link #recordUnrecorded} each round.
         */
        private void record(String file, VaultWrite write) {
            try {
                write.run();
            } catch (IOException e) {
                log.error("Cannot record the outcome of {} in the vault: {}. It is kept and recorded as soon as the vault"
                        + " can be written again; no other file is taken meanwhile", file, e.toString());
                unrecorded.add(new Unrecorded(file, write));
            }
        }

        /** Tries the unrecorded outcomes again, oldest first; true when none is left. */
        boolean recordUnrecorded() {
            while (!unrecorded.isEmpty()) {
                Unrecorded oldest = unrecorded.get(0);
                try {
                    oldest.write().run();
                } catch (IOException stillFailing) {
                    return false; // reported when it first failed
                }
                unrecorded.remove(0);
                log.info("The outcome of {} is recorded now that the vault can be written again", oldest.file());
            }
            return true;
        }

        void reportUnrecorded() {
            for (Unrecorded left : unrecorded) {
                log.warn("{} stopped before it could record the outcome of {}", handlerId, left.file());
            }
        }

        private record Decided(ActionDocument document, String action, Outcome outcome) {
        }

        /** Everything between the claim and the final move; never throws for a bad file. */
        private Decided decide(Path file) {
            if (Files.isSymbolicLink(file)) {
                return new Decided(null, null, Outcome.failed("symbolic links are not executed; approve the file itself"));
            }
            ActionDocument document;
            try {
                document = read(file);
            } catch (InvalidApprovalException e) {
                return new Decided(null, null, Outcome.failed(e.getMessage()));
            } catch (IOException e) {
                return new Decided(null, null, Outcome.failed("cannot read the file: " + e.getMessage()));
            }
            Object actionValue = document.fields().get("action");
            String action = actionValue instanceof String text ? text.strip() : null;
            try {
                if (actionValue == null) {
                    throw new InvalidApprovalException("missing field 'action' (one of " + executors.keySet() + ")");
                }
                if (action == null || action.isEmpty()) {
                    throw new InvalidApprovalException("field 'action' must be text, not " + Parameters.describe(actionValue));
                }
                Optional<Instant> expires = Expiry.of(document.fields().get("expires"));
                Instant now = context.clock().instant();
                if (expires.isPresent() && !now.isBefore(expires.get())) {
                    String reason = "expired at " + expires.get() + "; not executed";
                    return new Decided(document, action, new Outcome(Decision.EXPIRED, Destination.REJECTED,
                            Map.of("status", "rejected", "rejection_reason", reason), reason));
                }
                ActionExecutor executor = executors.get(action);
                if (executor == null) {
                    throw new InvalidApprovalException("unknown action '" + action + "' (known: " + executors.keySet() + ")");
                }
                ActionExecutor.Prepared prepared = executor.prepare(new Parameters(document.fields()), vault);
                String description = prepared.describe();
                if (settings.dryRun()) {
                    log.info("DRY RUN {}: would {}", file.getFileName(), description);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("status", "done");
                    fields.put("dry_run", true);
                    fields.put("would", description);
                    return new Decided(document, action, new Outcome(Decision.DRY_RUN, Destination.DONE, fields, "would " + description));
                }
                log.info("Executing {}: {}", file.getFileName(), description);
                Map<String, Object> result;
                try {
                    result = prepared.execute();
                } catch (InvalidApprovalException e) {
                    throw e;
                } catch (Exception e) {
                    log.warn("{} failed: {}", file.getFileName(), e.toString());
                    return new Decided(document, action, Outcome.failed(action + " failed: " + oneLine(e)));
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("status", "done");
                fields.put("dry_run", false);
                fields.put("result", result);
                return new Decided(document, action, new Outcome(Decision.EXECUTED, Destination.DONE, fields, result));
            } catch (InvalidApprovalException e) {
                return new Decided(document, action, Outcome.failed(e.getMessage()));
            } catch (RuntimeException e) {
                log.error("Unexpected error while handling {}", file.getFileName(), e);
                return new Decided(document, action, Outcome.failed("unexpected error: " + oneLine(e)));
            }
        }

        private ActionDocument read(Path file) throws IOException, InvalidApprovalException {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidApprovalException("not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_APPROVAL_BYTES) {
                throw new InvalidApprovalException("the file is too large (" + size + " bytes; approvals are at most "
                        + MAX_APPROVAL_BYTES + ")");
            }
            if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md")) {
                throw new InvalidApprovalException("not an approval file: approvals are Markdown files ending in .md");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new InvalidApprovalException("the file is not UTF-8 text");
            }
            try {
                return Frontmatter.parse(text);
            } catch (MalformedFrontmatterException e) {
                throw new InvalidApprovalException("malformed frontmatter: " + e.getMessage());
            }
        }

        /** The document, or null when the file cannot be read as one. */
        private ActionDocument readOrNull(Path file) {
            try {
                return read(file);
            } catch (InvalidApprovalException | IOException | RuntimeException unreadable) {
                return null;
            }
        }

        /**
         * Records an outcome: frontmatter fields (when the file could be read), the audit line, then
         * the move out of the claimed folder; for unreadable files the original stays byte for byte
         * and a note beside it gives the reason. {@link #rest} does the steps not done yet: a step
         * that fails leaves the vault as it was (atomic writes, whole audit lines), so when it is
         * called again after a failure each step still happens once.
         */
        private final class OutcomeWrite {
            private final Path file;
            private final String name;
            private final ActionDocument document;
            private final String action;
            private final Outcome outcome;
            private final Instant started;
            private final Instant handled = context.clock().instant();
            private final Map<String, Object> fields;
            private boolean fieldsWritten;
            private boolean audited;
            private Path target;

            OutcomeWrite(Path file, String name, Decided decided, Instant started) {
                this.file = file;
                this.name = name;
                this.document = decided.document();
                this.action = decided.action();
                this.outcome = decided.outcome();
                this.started = started;
                this.fields = new LinkedHashMap<>(outcome.fields());
                fields.put("handled_at", handled.truncatedTo(ChronoUnit.SECONDS).toString());
                fields.put("handled_by", handlerId);
            }

            void rest() throws IOException {
                if (document != null && !fieldsWritten) {
                    AtomicFiles.writeString(file, Frontmatter.render(document.with(fields)));
                    fieldsWritten = true;
                }
                if (!audited) {
                    audit.record(name, action, outcome.decision(), outcome.auditResult(), handlerId);
                    audited = true;
                }
                Path folder = switch (outcome.destination()) {
                    case DONE -> vault.done();
                    case FAILED -> vault.failed();
                    case REJECTED -> vault.rejected();
                };
                if (target == null) {
                    target = AtomicFiles.moveIntoFolder(file, folder, name);
                }
                if (document == null) {
                    writeReasonNote();
                }
                log.info("{} → {}/{} ({}: {}, {} ms)", name, folder.getFileName(), target.getFileName(),
                        outcome.decision().name().toLowerCase(java.util.Locale.ROOT), outcome.auditResult(),
                        Duration.between(started, handled).toMillis());
            }

            private void writeReasonNote() throws IOException {
                Map<String, Object> note = new LinkedHashMap<>();
                note.put("type", "approval_failure");
                note.put("file", target.getFileName().toString());
                note.putAll(fields);
                String body = "# Not executed: " + target.getFileName() + "\n\n" + fields.get("error")
                        + "\n\nThe file beside this note is kept exactly as it was approved.\n";
                Path noteFile = target.resolveSibling(SafeFileNames.sanitize(target.getFileName().toString()) + ".reason.md");
                AtomicFiles.writeString(noteFile, Frontmatter.render(new ActionDocument(note, body)));
            }
        }

        /** Rejected files: an audit line each, then archived under {@code Rejected/Archive/}. */
        void archiveRejected() throws IOException {
            for (Path file : entries(vault.rejected())) {
                rejectedSettling.observe(file);
            }
            for (SettleTracker.Settled settled : rejectedSettling.settled()) {
                if (!unrecorded.isEmpty()) {
                    return;
                }
                Path file = settled.file();
                String name = file.getFileName().toString();
                Path archived;
                try {
                    archived = AtomicFiles.moveIntoFolder(file, vault.rejectedArchive(), name);
                } catch (NoSuchFileException gone) {
                    continue; // another handler archived it
                }
                ActionDocument document = readOrNull(archived); // archived and logged all the same when unreadable
                String action = document == null ? null : document.text("action");
                Object reason = document == null || document.fields().get("rejection_reason") == null
                        ? "rejected by a human" : document.fields().get("rejection_reason");
                record(name, () -> {
                    audit.record(name, action, Decision.REJECTED, reason, handlerId);
                    log.info("Rejected {} archived as {}: {}", name, vault.root().relativize(archived), reason);
                });
            }
        }

        /**
         * Files claimed by handlers that are gone (their lock is free), and files put directly in
         * In_Progress/, go to Failed/: they may or may not have run, so a human decides.
         */
        void recoverInterrupted() throws IOException {
            Path locks = vault.stateDir(kind().id());
            for (Path entry : entries(vault.inProgress())) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (!entry.equals(claimed)) {
                        recoverFolderOfGoneHandler(entry, locks.resolve(entry.getFileName() + LOCK_SUFFIX));
                    }
                } else {
                    recoverOne(entry);
                }
            }
        }

        private void recoverFolderOfGoneHandler(Path folder, Path lockFile) throws IOException {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    return;
                }
                if (lock == null) {
                    return; // that handler is alive
                }
                try {
                    for (Path file : entries(folder)) {
                        recoverOne(file);
                    }
                    try {
                        Files.deleteIfExists(folder);
                    } catch (java.nio.file.DirectoryNotEmptyException stillUsed) {
                        return;
                    }
                } finally {
                    lock.release();
                }
            }
            Files.deleteIfExists(lockFile);
        }

        private void recoverOne(Path file) throws IOException {
            String name = file.getFileName().toString();
            Path mine = claimed.resolve(name);
            try {
                AtomicFiles.moveNoReplace(file, mine);
            } catch (NoSuchFileException | FileAlreadyExistsException raced) {
                return;
            }
            ActionDocument document = readOrNull(mine); // recorded as interrupted all the same when unreadable
            String action = document == null ? null : document.text("action");
            Object status = document == null ? null : document.fields().get("status");
            if (document != null && document.fields().get("handled_at") != null && "done".equals(status)) {
                // the outcome was recorded before the stop; only the final move was missing
                AtomicFiles.moveIntoFolder(mine, vault.done(), name);
                log.info("{} had finished before its handler stopped; moved to Done/", name);
                return;
            }
            Outcome outcome = Outcome.failed(INTERRUPTED);
            log.warn("{} was claimed by a handler that stopped before finishing it: {}", name, INTERRUPTED);
            Decided interrupted = new Decided(document, action,
                    new Outcome(Decision.INTERRUPTED, Destination.FAILED, outcome.fields(), INTERRUPTED));
            record(name, new OutcomeWrite(mine, name, interrupted, context.clock().instant())::rest);
        }

        /** Entries of a folder, sorted, without transient files; directories are reported once and skipped. */
        private List<Path> entries(Path folder) throws IOException {
            List<Path> out = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
                for (Path entry : stream) {
                    String name = entry.getFileName().toString();
                    if (TransientFiles.isTransient(name)) {
                        continue;
                    }
                    if (folder.equals(vault.inProgress()) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        out.add(entry);
                    } else if (reportedDirectories.add(entry)) {
                        log.info("Ignoring the folder {}: only files are approvals", vault.root().relativize(entry));
                    }
                }
            } catch (NoSuchFileException gone) {
                return List.of();
            }
            out.sort(null);
            return out;
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
