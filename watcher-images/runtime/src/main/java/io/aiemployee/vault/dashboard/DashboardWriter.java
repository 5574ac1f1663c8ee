package io.aiemployee.vault.dashboard;

import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes the managed sections into Dashboard.md without losing what a person writes at the same
 * time. Each write reads the file, merges ({@link DashboardDocument}), writes the result to a
 * temporary file and renames it over Dashboard.md only if the file still holds exactly the bytes
 * that were read; otherwise it starts again from the new content. Editors that save in place
 * (truncate and write, as Obsidian does) can still land in the short gap between that check and the
 * rename; their bytes then go into the replaced file, which this writer keeps open until after the
 * rename and reads once more, merging a late edit on top. Not thread-safe: one writer per file.
 */
public final class DashboardWriter {

    static final int MAX_ATTEMPTS = 20;
    private static final int SETTLE_READS = 20;

    /** Test seam: lets a test change the file at the two moments that matter. */
    interface Interleaving {
        Interleaving NONE = new Interleaving() { };

        default void afterRead(int attempt) throws IOException { }

        /** Between the last check and the rename: the gap no check can close. */
        default void afterCheck(int attempt) throws IOException { }
    }

    private final Path file;
    private final DashboardDocument document;
    private Interleaving interleaving = Interleaving.NONE;

    public DashboardWriter(Path file, DashboardRenderer renderer) {
        this.file = Objects.requireNonNull(file, "file");
        this.document = new DashboardDocument(renderer);
    }

    /** The vault's Dashboard.md, timestamps in this machine's zone, the default history of 50 rows. */
    public static DashboardWriter forVault(VaultLayout vault) {
        return new DashboardWriter(vault.dashboard(), DashboardRenderer.withDefaults());
    }

    public Path file() {
        return file;
    }

    DashboardWriter interleaving(Interleaving value) {
        this.interleaving = value;
        return this;
    }

    /**
     * Merges {@code snapshot} and {@code newEvents} (newest first) into the file, creating it when absent.
     *
     * @throws DashboardFormatException when the markers in the file are broken or it is not UTF-8 (file untouched)
     * @throws IOException when the file cannot be read or written, or kept changing for {@value #MAX_ATTEMPTS} attempts
     */
    public void write(SystemSnapshot snapshot, List<StatusEvent> newEvents) throws IOException {
        HeldFile current = HeldFile.open(file);
        byte[] base = current.bytes;
        byte[] expected = current.bytes;
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                interleaving.afterRead(attempt);
                byte[] merged;
                try {
                    merged = document.merge(base == null ? null : decode(base), snapshot, newEvents)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (DashboardFormatException e) {
                    // broken for real, or caught in the middle of someone's save? Look again.
                    pause(attempt);
                    current.close();
                    current = HeldFile.open(file);
                    if (Arrays.equals(current.bytes, base)) {
                        throw e;
                    }
                    base = current.bytes;
                    expected = current.bytes;
                    continue;
                }
                final byte[] mustBeOnDisk = expected;
                final int thisAttempt = attempt;
                boolean renamed = AtomicFiles.writeIf(file, merged, () -> {
                    boolean unchanged = Arrays.equals(readOrNull(file), mustBeOnDisk);
                    interleaving.afterCheck(thisAttempt);
                    return unchanged;
                });
                if (!renamed) {
                    pause(attempt); // someone is saving right now: let them finish
                    current.close();
                    current = HeldFile.open(file);
                    base = current.bytes;
                    expected = current.bytes;
                    continue;
                }
                byte[] late = current.reread();
                if (late == null || Arrays.equals(late, current.bytes)) {
                    return;
                }
                // someone saved in place into the file we just replaced: merge their version again
                current.close();
                current = HeldFile.open(file);
                base = late;
                expected = merged;
            }
        } finally {
            current.close();
        }
        throw new IOException(file + " kept changing during " + MAX_ATTEMPTS + " attempts to update it; try again");
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(attempt, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to update Dashboard.md", e);
        }
    }

    static byte[] readOrNull(Path path) throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private String decode(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new DashboardFormatException(file + " is not valid UTF-8; it was left unchanged");
        }
    }

    /** The file as read, with its inode kept open so an in-place write to it can still be seen after a rename. */
    private static final class HeldFile implements AutoCloseable {
        private final FileChannel channel;
        private final byte[] bytes;

        private HeldFile(FileChannel channel, byte[] bytes) {
            this.channel = channel;
            this.bytes = bytes;
        }

        static HeldFile open(Path path) throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return new HeldFile(null, null);
            }
            try {
                return new HeldFile(channel, readSettled(channel));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        byte[] reread() throws IOException {
            return channel == null ? null : readSettled(channel);
        }

        /**
         * Editors that save in place truncate the file and then write it, so a read can catch a
         * save half done. A read counts only when a second read a moment later gives the same
         * bytes, and an empty file is looked at a few times more before it is believed.
         */
        private static byte[] readSettled(FileChannel channel) throws IOException {
            byte[] bytes = readAll(channel);
            for (int i = 0; i < SETTLE_READS; i++) {
                pause(1);
                byte[] again = readAll(channel);
                if (Arrays.equals(again, bytes) && (again.length > 0 || i >= SETTLE_READS / 2)) {
                    return again;
                }
                bytes = again;
            }
            return bytes;
        }

        private static byte[] readAll(FileChannel channel) throws IOException {
            long size = channel.size();
            if (size > 64L * 1024 * 1024) {
                throw new IOException("Dashboard.md is larger than 64 MiB; refusing to rewrite it");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            long position = 0;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                position += n;
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
