package io.aiemployee.watcher.whatsapp;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** WhatsApp Web as the watcher sees it: which screen is shown, and the chat list. */
public final class WhatsAppPage {

    public enum Screen { QR_LOGIN, CHAT_LIST }

    /** Reads every row in one round trip; the selectors come from {@link WhatsAppSelectors}. */
    private static final String READ_ROWS = """
            (s) => Array.from(document.querySelectorAll(s.row)).map(row => {
              const text = (selector, attribute) => {
                const element = row.querySelector(selector);
                if (!element) return '';
                return (attribute && element.getAttribute(attribute)) || element.textContent || '';
              };
              return {
                chat: text(s.title, 'title'),
                preview: text(s.message, 'title'),
                time: text(s.time, null),
                unread: (() => {
                  const badge = row.querySelector(s.badge);
                  return badge ? (badge.textContent.trim() || '1') : '';
                })()
              };
            })""";

    private final Page page;

    public WhatsAppPage(Page page) {
        this.page = page;
    }

    public void open(String url, Duration timeout) {
        page.navigate(url, new Page.NavigateOptions().setTimeout(timeout.toMillis()));
    }

    /**
     * Waits until the page shows the QR code or the chat list, in short slices so a stop request is
     * noticed; returns null when stopped, throws {@link TimeoutError} after {@code timeout}.
     */
    public Screen awaitScreen(Duration timeout, Clock clock, BooleanSupplier stop) {
        Instant deadline = clock.instant().plus(timeout);
        while (!stop.getAsBoolean()) {
            try {
                page.waitForSelector(WhatsAppSelectors.LOADED, new Page.WaitForSelectorOptions().setTimeout(1000));
                return screen();
            } catch (TimeoutError notYet) {
                if (clock.instant().isAfter(deadline)) {
                    throw new TimeoutError("WhatsApp Web showed neither the QR code nor the chat list within "
                            + timeout.toSeconds() + " s");
                }
            }
        }
        return null;
    }

    /** The screen shown right now, or null while loading. */
    public Screen screen() {
        if (page.locator(WhatsAppSelectors.QR_CODE).count() > 0) {
            return Screen.QR_LOGIN;
        }
        return page.locator(WhatsAppSelectors.CHAT_LIST).count() > 0 ? Screen.CHAT_LIST : null;
    }

    public List<ChatPreview> chats() {
        Object rows = page.evaluate(READ_ROWS, Map.of(
                "row", WhatsAppSelectors.CHAT_LIST + " " + WhatsAppSelectors.CHAT_ROW,
                "title", WhatsAppSelectors.CHAT_TITLE,
                "message", WhatsAppSelectors.LAST_MESSAGE,
                "time", WhatsAppSelectors.LAST_MESSAGE_TIME,
                "badge", WhatsAppSelectors.UNREAD_BADGE));
        List<ChatPreview> chats = new ArrayList<>();
        if (rows instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> row) {
                    chats.add(new ChatPreview(str(row.get("chat")), str(row.get("preview")), str(row.get("time")),
                            unreadCount(str(row.get("unread")))));
                }
            }
        }
        return chats;
    }

    /** "3" is 3; a badge without a number (a chat marked unread) counts as 1; no badge is 0. */
    static int unreadCount(String badge) {
        String digits = badge.replaceAll("\\D", "");
        if (!digits.isEmpty()) {
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException huge) {
                return Integer.MAX_VALUE;
            }
        }
        return badge.isBlank() ? 0 : 1;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
