package io.aiemployee.watcher.whatsapp;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium driven by Playwright, with a persistent profile (the session directory) so the
 * WhatsApp login survives restarts. Playwright never downloads a browser here.
 */
public final class WhatsAppBrowser implements AutoCloseable {

    /** Container-friendly flags; the pod has no GPU, no sandbox privileges and no outside network but WhatsApp. */
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--no-default-browser-check");

    private static final Logger log = LoggerFactory.getLogger(WhatsAppBrowser.class);

    private final Playwright playwright;
    private final BrowserContext context;
    private final Page page;
    private volatile boolean closing;
    private volatile String failure;

    private WhatsAppBrowser(Playwright playwright, BrowserContext context) {
        this.playwright = playwright;
        this.context = context;
        this.page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
        context.onClose(closed -> {
            if (!closing) {
                failure = "Chromium exited unexpectedly";
            }
        });
        page.onCrash(crashed -> failure = "the WhatsApp Web page crashed");
    }

    /** Launches Chromium on {@code sessionDir}; a missing executable is a configuration error. */
    public static WhatsAppBrowser launch(Path chromium, Path sessionDir, boolean headless) throws ConfigurationException {
        if (!Files.isExecutable(chromium)) {
            throw new ConfigurationException("Chromium not found at " + chromium
                    + ": install Debian's chromium package or set --chromium / CHROMIUM_PATH");
        }
        try {
            Files.createDirectories(sessionDir);
        } catch (IOException e) {
            throw new ConfigurationException("cannot use the WhatsApp session directory " + sessionDir + ": " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            BrowserContext context = playwright.chromium().launchPersistentContext(sessionDir,
                    new BrowserType.LaunchPersistentContextOptions()
                            .setExecutablePath(chromium)
                            .setHeadless(headless)
                            .setArgs(ARGS)
                            .setViewportSize(1280, 900));
            log.info("Chromium started in {} ms ({}, session {})", (System.nanoTime() - started) / 1_000_000,
                    headless ? "headless" : "visible", sessionDir);
            return new WhatsAppBrowser(playwright, context);
        } catch (PlaywrightException e) {
            playwright.close();
            throw e;
        }
    }

    public Page page() {
        return page;
    }

    /** Why the browser can no longer be used, or null while it is healthy. */
    public String failure() {
        return failure;
    }

    /** Closes the page and the browser, which writes the profile (the session) to disk. */
    @Override
    public void close() {
        closing = true;
        try {
            context.close();
        } catch (PlaywrightException e) {
            log.debug("closing Chromium: {}", e.getMessage());
        } finally {
            playwright.close();
        }
    }
}
