package io.aiemployee.watcher.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * What the filesystem watcher has already handled, kept across restarts: an append-only journal
 * (one key per line, forced to disk before the original leaves the Inbox). A line cut short by a
 * crash has no newline and is ignored, so the file is never half-trusted.
 */
final class ProcessedFiles implements AutoCloseable {

    static final String FILE_NAME = "processed.log";

    private final Set<String> keys = new HashSet<>();
    private final FileChannel journal;

    private ProcessedFiles(FileChannel journal) {
        this.journal = journal;
    }

    static ProcessedFiles open(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE_NAME);
        ProcessedFiles processed = new ProcessedFiles(
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            String line = text.substring(start, newline);
            if (!line.isBlank()) {
                processed.keys.add(line);
            }
            start = newline + 1;
        }
        // drop a torn last line so the next append starts on a fresh line
        processed.journal.truncate(text.substring(0, start).getBytes(StandardCharsets.UTF_8).length);
        processed.journal.position(processed.journal.size());
        return processed;
    }

    /** The identity of a dropped file: same content, size and name means the same drop. */
    static String key(String sha256, long size, String name) {
        return sha256 + " " + size + " " + name.replace('\n', ' ').replace('\r', ' ');
    }

    synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    synchronized void add(String key) throws IOException {
        if (keys.add(key)) {
            ByteBuffer line = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                journal.write(line);
            }
            journal.force(false);
        }
    }

    synchronized int size() {
        return keys.size();
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
