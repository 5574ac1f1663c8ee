package io.aiemployee.watcher.whatsapp;

import com.microsoft.playwright.PlaywrightException;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.ProcessedKeys;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.PollWait;
import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches WhatsApp Web in headless Chromium: every unread chat whose last message contains a
 * keyword becomes a {@code WHATSAPP_<chat>_<time>.md} action file in Needs_Action, once.
 */
public final class WhatsAppWatcher implements Watcher {

    public static final String NOT_AUTHENTICATED =
            "WhatsApp session not authenticated: run `watcher whatsapp --login` on a machine with a display";
    static final String STATE_FILE = "processed-chats.txt";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWatcher.class);

    private final WhatsAppSettings settings;

    public WhatsAppWatcher(WhatsAppSettings settings) {
        this.settings = settings;
    }

    @Override
    public WatcherKind kind() {
        return WatcherKind.WHATSAPP;
    }

    @Override
    public void run(WatcherContext context) throws Exception {
        KeywordMatcher keywords = new KeywordMatcher(settings.keywords());
        ProcessedKeys processed = ProcessedKeys.load(context.vault().stateDir(kind().id()).resolve(STATE_FILE),
                settings.processedLimit(), "WhatsApp messages already in the vault (chat, time, preview)");
        try (WhatsAppBrowser browser = WhatsAppBrowser.launch(settings.chromium(), settings.sessionDir(), true)) {
            WhatsAppPage page = new WhatsAppPage(browser.page());
            page.open(settings.url(), settings.loadTimeout());
            WhatsAppPage.Screen screen = page.awaitScreen(settings.loadTimeout(), context.clock(), context::stopRequested);
            if (screen == null) {
                return; // stopped while loading
            }
            if (screen == WhatsAppPage.Screen.QR_LOGIN) {
                throw new ConfigurationException(NOT_AUTHENTICATED);
            }
            log.info("WhatsApp Web ready; watching for unread chats mentioning {}", keywords.keywords());
            while (!context.stopRequested()) {
                context.heartbeat();
                try {
                    poll(page, keywords, processed, context);
                } catch (PlaywrightException e) {
                    if (context.stopRequested()) {
                        break;
                    }
                    throw new IllegalStateException(browser.failure() != null ? browser.failure()
                            : "WhatsApp Web stopped answering: " + firstLine(e.getMessage()), e);
                }
                if (browser.failure() != null) {
                    throw new IllegalStateException(browser.failure());
                }
                if (PollWait.awaitNextPoll(context, settings.pollInterval())) {
                    break;
                }
            }
        }
    }

    private void poll(WhatsAppPage page, KeywordMatcher keywords, ProcessedKeys processed, WatcherContext context)
            throws Exception {
        if (page.screen() == WhatsAppPage.Screen.QR_LOGIN) {
            throw new ConfigurationException(NOT_AUTHENTICATED); // logged out from the phone
        }
        List<ChatPreview> chats = page.chats();
        processed.touch(chats.stream().map(ChatPreview::key).toList());
        for (ChatPreview chat : chats) {
            if (!chat.unread() || processed.contains(chat.key())) {
                continue;
            }
            List<String> matched = keywords.matches(chat.preview());
            if (matched.isEmpty()) {
                continue;
            }
            Instant now = context.clock().instant();
            Path target = context.vault().needsAction().resolve(WhatsAppActionFile.fileName(chat, now));
            if (!Files.exists(target)) {
                AtomicFiles.writeString(target, Frontmatter.render(WhatsAppActionFile.render(chat, matched, now)));
                log.info("WhatsApp message from {} mentions {}: {}", chat.chat(), matched, target.getFileName());
            }
            processed.add(chat.key());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
