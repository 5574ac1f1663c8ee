package io.aiemployee.operator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * A test-only child program that follows the watcher process contract
 * ({@code <id> --vault V --heartbeat-file F}: heartbeats, exit codes, SIGTERM) and does what the
 * test asks through {@code V/.fake/<id>.mode}:
 * <ul>
 * <li>absent or {@code run}: heartbeat every 100 ms until SIGTERM, then exit 0</li>
 * <li>{@code exit N message}: print the message to stderr and exit with N</li>
 * <li>{@code hang}: one heartbeat, then stay alive without any</li>
 * <li>{@code ignore-term}: like run, but ignore SIGTERM (must be killed)</li>
 * </ul>
 * A mode ending in {@code -once} is removed after it is read, so the next start runs normally.
 * Every start appends {@code <epoch millis> <pid>} to {@code V/.fake/<id>.starts}; a clean SIGTERM
 * appends the pid to {@code V/.fake/<id>.stopped}.
 */
public final class FakeWatcher {

    public static void main(String[] args) throws Exception {
        String id = args[0];
        Path vault = Path.of(option(args, "--vault"));
        Path heartbeat = Path.of(option(args, "--heartbeat-file"));
        Path control = vault.resolve(".fake");
        Files.createDirectories(control);
        long pid = ProcessHandle.current().pid();
        append(control.resolve(id + ".starts"), System.currentTimeMillis() + " " + pid);

        Path modeFile = control.resolve(id + ".mode");
        String mode = Files.exists(modeFile) ? Files.readString(modeFile).strip() : "run";
        if (mode.split(" ")[0].endsWith("-once")) {
            Files.delete(modeFile);
            mode = mode.replaceFirst("-once", "");
        }
        System.out.println("fake " + id + " started, pid " + pid + ", mode " + mode);

        if (mode.startsWith("exit ")) {
            String[] parts = mode.split(" ", 3);
            System.err.println(parts.length > 2 ? parts[2] : "exiting");
            System.exit(Integer.parseInt(parts[1]));
        }
        boolean ignoreTerm = mode.equals("ignore-term");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ignoreTerm) {
                sleepQuietly(TimeUnit.HOURS.toMillis(1));
            }
            try {
                append(control.resolve(id + ".stopped"), Long.toString(pid));
            } catch (IOException e) {
                System.err.println(e);
            }
            System.out.println("fake " + id + " stopped cleanly");
            Runtime.getRuntime().halt(0);
        }));
        beat(heartbeat);
        if (mode.equals("hang")) {
            sleepQuietly(TimeUnit.HOURS.toMillis(1));
        }
        while (true) {
            beat(heartbeat);
            Thread.sleep(100);
        }
    }

    private static void beat(Path heartbeat) throws IOException {
        if (Files.exists(heartbeat)) {
            Files.setLastModifiedTime(heartbeat, FileTime.fromMillis(System.currentTimeMillis()));
        } else {
            Files.createDirectories(heartbeat.getParent());
            Files.writeString(heartbeat, "");
        }
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
