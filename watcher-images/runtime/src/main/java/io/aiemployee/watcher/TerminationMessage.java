package io.aiemployee.watcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-line reason a watcher stopped, for people (stderr) and for Kubernetes (the container's
 * termination-message file, which the operator shows as the watcher's last failure message).
 */
final class TerminationMessage {

    /** Kubernetes reads at most 4096 bytes; one line is all we need. */
    private static final int MAX_CHARS = 1000;

    private TerminationMessage() {
    }

    static String oneLine(String reason) {
        String line = reason == null || reason.isBlank() ? "unknown error" : reason.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) : line;
    }

    /** Writes the reason to stderr, and to {@code terminationLog} only when that file already exists. */
    static void report(String reason, Path terminationLog) {
        String line = oneLine(reason);
        System.err.println(line);
        System.err.flush();
        if (terminationLog != null && Files.isRegularFile(terminationLog)) {
            try {
                Files.writeString(terminationLog, line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                System.err.println("(could not write the termination message to " + terminationLog + ": " + e + ")");
            }
        }
    }
}
