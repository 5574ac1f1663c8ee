package io.aiemployee.watcher.whatsapp;

import com.microsoft.playwright.PlaywrightException;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.ExitCodes;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code watcher whatsapp}: WhatsApp Web → Needs_Action; {@code --login} links the session once. */
@Command(name = "whatsapp", mixinStandardHelpOptions = true,
        description = {"Watches WhatsApp Web in headless Chromium and writes a WHATSAPP_<chat>_<time>.md action file in",
                "Needs_Action/ for each unread chat whose last message contains a keyword."})
public final class WhatsAppCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatcherOptions options;

    @Option(names = "--login", description = "Open a visible browser to link this session by scanning the QR code, then exit.")
    boolean login;

    @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long --login waits for the QR code to be scanned (default 300).")
    long loginTimeoutSeconds;

    @Option(names = "--session-dir", defaultValue = "${env:WHATSAPP_SESSION_DIR:-/session}",
            description = "Chromium profile holding the WhatsApp Web session (env WHATSAPP_SESSION_DIR, default /session).")
    Path sessionDir;

    @Option(names = "--chromium", defaultValue = "${env:CHROMIUM_PATH:-/usr/bin/chromium}",
            description = "Chromium executable (env CHROMIUM_PATH, default /usr/bin/chromium).")
    Path chromium;

    @Option(names = "--url", defaultValue = "${env:WHATSAPP_URL:-https://web.whatsapp.com/}",
            description = "WhatsApp Web address (env WHATSAPP_URL, default https://web.whatsapp.com/).")
    String url;

    @Option(names = "--keywords", split = ",", defaultValue = "${env:WHATSAPP_KEYWORDS:-urgent,asap,invoice,payment,help}",
            description = "Keywords, comma-separated, matched as whole words in any case "
                    + "(env WHATSAPP_KEYWORDS, default urgent,asap,invoice,payment,help).")
    List<String> keywords;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "${env:WHATSAPP_POLL_INTERVAL_SECONDS:-30}",
            description = "Seconds between reads of the chat list (env WHATSAPP_POLL_INTERVAL_SECONDS, default 30).")
    long pollIntervalSeconds;

    @Option(names = "--load-timeout", paramLabel = "SECONDS", defaultValue = "${env:WHATSAPP_LOAD_TIMEOUT_SECONDS:-90}",
            description = "How long WhatsApp Web may take to show the chat list or the QR code "
                    + "(env WHATSAPP_LOAD_TIMEOUT_SECONDS, default 90).")
    long loadTimeoutSeconds;

    @Override
    public Integer call() {
        WhatsAppSettings settings;
        try {
            settings = new WhatsAppSettings(chromium, sessionDir, url, keywords, Duration.ofSeconds(pollIntervalSeconds),
                    Duration.ofSeconds(loadTimeoutSeconds), WhatsAppSettings.DEFAULT_PROCESSED_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return login ? login(settings) : WatcherRunner.run(new WhatsAppWatcher(settings), options);
    }

    private int login(WhatsAppSettings settings) {
        try {
            boolean linked = new WhatsAppLogin(settings, false)
                    .run(Duration.ofSeconds(loginTimeoutSeconds), Clock.systemUTC(), () -> false);
            if (linked) {
                spec.commandLine().getOut().println("WhatsApp Web is linked; the session is saved in " + settings.sessionDir());
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("The QR code was not scanned within " + loginTimeoutSeconds + " s");
            return ExitCodes.CONFIG_ERROR;
        } catch (ConfigurationException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.CONFIG_ERROR;
        } catch (PlaywrightException e) {
            spec.commandLine().getErr().println("Cannot open a visible browser (--login needs a display): "
                    + e.getMessage().lines().findFirst().orElse(""));
            return ExitCodes.CONFIG_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CRASH;
        }
    }
}
