package io.aiemployee.operator.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One orchestrator per vault: an OS file lock on {@code .aiemployee/local/orchestrator.lock}. The
 * lock goes away with the process, so a crashed orchestrator never blocks the next one; the file
 * holds the owner's pid for the message a second orchestrator prints.
 */
public final class VaultLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private VaultLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another orchestrator holds the vault. */
    public static final class HeldElsewhereException extends Exception {
        public HeldElsewhereException(String message) {
            super(message);
        }
    }

    public static VaultLock acquire(Path lockFile, Path vault) throws IOException, HeldElsewhereException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String owner = readOwner(channel);
            channel.close();
            throw new HeldElsewhereException("Another orchestrator is already running on the vault " + vault
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ". Stop it first (Ctrl+C in its terminal"
                    + (owner.isEmpty() ? "" : ", or kill " + owner) + "), or run on another vault. Lock: " + lockFile);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new VaultLock(channel, lock);
    }

    /** Whether some process holds the lock right now (for {@code aiemployee status}). */
    public static boolean isHeld(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        channel.close();
    }
}
