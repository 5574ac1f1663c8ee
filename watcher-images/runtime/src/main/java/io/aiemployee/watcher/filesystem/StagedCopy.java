package io.aiemployee.watcher.filesystem;

import io.aiemployee.vault.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A file streamed (never loaded whole) into a hidden temporary file in the target folder while
 * its SHA-256 is computed, forced to disk, and then either committed under its final name or
 * discarded.
 */
final class StagedCopy {

    private static final int BUFFER = 64 * 1024;

    private final Path temp;
    private final long size;
    private final String sha256;

    private StagedCopy(Path temp, long size, String sha256) {
        this.temp = temp;
        this.size = size;
        this.sha256 = sha256;
    }

    static StagedCopy of(Path source, Path targetDir) throws IOException {
        Files.createDirectories(targetDir);
        Path temp = targetDir.resolve(AtomicFiles.TEMP_PREFIX + UUID.randomUUID());
        MessageDigest digest = sha256Digest();
        long size = 0;
        try (InputStream in = Files.newInputStream(source);
             FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += read;
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new StagedCopy(temp, size, HexFormat.of().formatHex(digest.digest()));
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    /** Gives the copy its final name; an existing file of that name (an earlier attempt) is kept. */
    void commitTo(Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        try {
            AtomicFiles.moveNoReplace(temp, target);
        } catch (FileAlreadyExistsException raced) {
            // the same content under the same name: already there
        }
    }

    void discard() throws IOException {
        Files.deleteIfExists(temp);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
