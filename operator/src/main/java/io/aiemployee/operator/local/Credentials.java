package io.aiemployee.operator.local;

import io.aiemployee.watcher.WatcherKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the watchers that need an account find it on this machine, and whether it is there. A
 * watcher whose credentials are missing is shown as Disabled with the reason instead of being
 * started into a configuration-error loop.
 *
 * @param gmailTokenDir      the folder holding Gmail's {@code token.json}
 * @param whatsappSessionDir the WhatsApp Web browser session (written by {@code watcher whatsapp --login})
 * @param chromium           the Chromium executable the WhatsApp watcher drives
 */
public record Credentials(Path gmailTokenDir, Path whatsappSessionDir, Path chromium) {

    /** Environment variables that tell the child watchers where their credentials are. */
    static final String GMAIL_ENV = "GMAIL_CREDENTIALS_DIR";
    static final String WHATSAPP_SESSION_ENV = "WHATSAPP_SESSION_DIR";
    static final String CHROMIUM_ENV = "CHROMIUM_PATH";

    public static Credentials defaults(Map<String, String> env) {
        Path config = Path.of(System.getProperty("user.home"), ".config", "aiemployee");
        return new Credentials(
                Path.of(env.getOrDefault(GMAIL_ENV, config.resolve("gmail").toString())),
                Path.of(env.getOrDefault(WHATSAPP_SESSION_ENV, config.resolve("whatsapp-session").toString())),
                Path.of(env.getOrDefault(CHROMIUM_ENV, "/usr/bin/chromium")));
    }

    /** Why {@code kind} cannot run here, or empty when it can. */
    public Optional<String> missing(WatcherKind kind) {
        return switch (kind) {
            case GMAIL -> Files.isRegularFile(gmailTokenDir.resolve("token.json")) ? Optional.empty()
                    : Optional.of("no token.json in " + gmailTokenDir + " (run: watcher gmail setup)");
            case WHATSAPP -> {
                if (!Files.isExecutable(chromium)) {
                    yield Optional.of("Chromium not found at " + chromium + " (install it or set " + CHROMIUM_ENV + ")");
                }
                yield isNonEmptyDir(whatsappSessionDir) ? Optional.empty()
                        : Optional.of("no WhatsApp session in " + whatsappSessionDir
                                + " (run: watcher whatsapp --login on a machine with a display)");
            }
            default -> Optional.empty();
        };
    }

    /** What the child process of {@code kind} gets in its environment. */
    public Map<String, String> environmentFor(WatcherKind kind) {
        return switch (kind) {
            case GMAIL -> Map.of(GMAIL_ENV, gmailTokenDir.toString());
            case WHATSAPP -> Map.of(WHATSAPP_SESSION_ENV, whatsappSessionDir.toString(), CHROMIUM_ENV, chromium.toString());
            default -> Map.of();
        };
    }

    private static boolean isNonEmptyDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
