package io.aiemployee.operator.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The orchestrator's log in the old orchestrator's shape, to the console and {@code Logs/system.log}:
 * {@code 2026-02-16 18:30:15 - Orchestrator - WARNING - Gmail Inbox Watcher has died, restarting...}
 */
public final class OrchestratorLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final PrintStream console;
    private final Clock clock;
    private final ZoneId zone;

    public OrchestratorLog(Path file, PrintStream console, Clock clock) {
        this.file = file;
        this.console = console;
        this.clock = clock;
        this.zone = ZoneId.systemDefault();
    }

    public void info(String message) {
        line("INFO", message);
    }

    public void warning(String message) {
        line("WARNING", message);
    }

    public void error(String message) {
        line("ERROR", message);
    }

    /** Lines printed as they are (the banner), to both places. */
    public synchronized void raw(String text) {
        console.println(text);
        append(text + System.lineSeparator());
    }

    static String format(String timestamp, String level, String message) {
        return timestamp + " - Orchestrator - " + level + " - " + message;
    }

    private synchronized void line(String level, String message) {
        String line = format(TIME.format(clock.instant().atZone(zone)), level, message);
        console.println(line);
        append(line + System.lineSeparator());
    }

    private void append(String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            console.println("(cannot write " + file + ": " + e.getMessage() + ")");
        }
    }
}
