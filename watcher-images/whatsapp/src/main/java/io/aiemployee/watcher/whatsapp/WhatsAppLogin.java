package io.aiemployee.watcher.whatsapp;

import io.aiemployee.watcher.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code watcher whatsapp --login}: opens WhatsApp Web in a visible Chromium on the session
 * directory, waits while the user scans the QR code with their phone, and closes the browser once
 * the chat list shows, which saves the linked session in the directory.
 */
public final class WhatsAppLogin {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppLogin.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final WhatsAppSettings settings;
    private final boolean headless;

    /** {@code headless} is for tests; a person needs the visible window to scan the code. */
    public WhatsAppLogin(WhatsAppSettings settings, boolean headless) {
        this.settings = settings;
        this.headless = headless;
    }

    /** Returns true once logged in, false when {@code stop} or {@code timeout} came first. */
    public boolean run(Duration timeout, Clock clock, BooleanSupplier stop) throws ConfigurationException, InterruptedException {
        try (WhatsAppBrowser browser = WhatsAppBrowser.launch(settings.chromium(), settings.sessionDir(), headless)) {
            WhatsAppPage page = new WhatsAppPage(browser.page());
            page.open(settings.url(), settings.loadTimeout());
            var deadline = clock.instant().plus(timeout);
            boolean askedToScan = false;
            while (!stop.getAsBoolean() && clock.instant().isBefore(deadline)) {
                if (browser.failure() != null) {
                    throw new IllegalStateException(browser.failure());
                }
                WhatsAppPage.Screen screen = page.screen();
                if (screen == WhatsAppPage.Screen.CHAT_LIST) {
                    log.info("WhatsApp Web is linked; the session is saved in {}", settings.sessionDir());
                    browser.page().waitForTimeout(2000); // let WhatsApp finish writing its local storage
                    return true;
                }
                if (screen == WhatsAppPage.Screen.QR_LOGIN && !askedToScan) {
                    log.info("Scan the QR code: on your phone open WhatsApp, Settings, Linked devices, Link a device");
                    askedToScan = true;
                }
                browser.page().waitForTimeout(CHECK_EVERY.toMillis());
            }
            return false;
        }
    }
}
