package io.aiemployee.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes that a reader (Obsidian, another watcher, a crash) never sees half done: the bytes go to
 * a temporary file in the same folder, are forced to disk, and the file is renamed over the target.
 */
public final class AtomicFiles {

    /** Prefix of our temporary files; watchers ignore files that start with it. */
    public static final String TEMP_PREFIX = ".aie-tmp-";

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        writeIf(target, content, () -> true);
    }

    /** Checked just before the rename that replaces the target. */
    @FunctionalInterface
    public interface Precondition {
        boolean holds() throws IOException;
    }

    /**
     * Like {@link #write}, but the rename happens only if {@code precondition} still holds once the
     * new content is on disk, so the window in which a concurrent change to the target can be
     * overwritten is as small as it gets without a lock (the Dashboard writer uses this to avoid
     * losing a user's edit). Returns false, leaving the target untouched, when it does not hold.
     */
    public static boolean writeIf(Path target, byte[] content, Precondition precondition) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (!precondition.holds()) {
                return false;
            }
            moveReplacing(temp, target);
            syncDirectory(dir);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves {@code source} to {@code target} atomically, failing with
     * {@link java.nio.file.FileAlreadyExistsException} when the target exists: the move is how a
     * file is claimed, so exactly one of several racing movers succeeds.
     */
    public static void moveNoReplace(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        // On POSIX, rename(2) replaces silently, so a hard link (which fails if the target exists)
        // followed by removing the source gives the exactly-once claim.
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException e) {
            Files.move(source, target);
            return;
        }
        Files.delete(source);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Moves {@code source} into {@code folder} under {@code name}, or under "name (2).ext",
     * "name (3).ext"... when taken; never replaces a file. Returns where it went.
     */
    public static Path moveIntoFolder(Path source, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        for (int attempt = 1; ; attempt++) {
            Path target = folder.resolve(attempt == 1 ? name : numbered(name, attempt));
            try {
                moveNoReplace(source, target);
                return target;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (attempt >= 100_000) {
                    throw taken;
                }
            }
        }
    }

    static String numbered(String name, int n) {
        String safe = SafeFileNames.sanitize(name); // also short enough for the added " (n)"
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) + " (" + n + ")" + safe.substring(dot) : safe + " (" + n + ")";
    }

    private static void moveReplacing(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can open a directory; the rename itself is still atomic
        }
    }
}
