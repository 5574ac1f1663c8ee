package io.aiemployee.watcher.whatsapp;

/**
 * Every WhatsApp Web selector the watcher uses, in one place: when WhatsApp changes its page, this
 * is the only file to update (and the test pages in src/test/resources/whatsapp-web, which mirror
 * this structure). WhatsApp's class names are generated and change weekly, so these rely on ARIA
 * attributes and roles, which its accessibility support keeps stable.
 */
public final class WhatsAppSelectors {

    /** The QR code shown while the device is not linked. */
    public static final String QR_CODE = "canvas[aria-label*='Scan this QR code'], div[data-ref] canvas";
    /** The chat list, shown once the session is linked and loaded. */
    public static final String CHAT_LIST = "div[aria-label='Chat list']";
    /** One chat in the chat list. */
    public static final String CHAT_ROW = "div[role='listitem']";
    /** The chat's name (contact or group) inside a row; its {@code title} holds the full name. */
    public static final String CHAT_TITLE = "span[dir='auto'][title]";
    /** The last message preview inside a row; its {@code title} holds the full text. */
    public static final String LAST_MESSAGE = "span[dir='ltr'][title]";
    /** The time (or "Yesterday", or a date) of the last message inside a row. */
    public static final String LAST_MESSAGE_TIME = "div[role='gridcell'][aria-colindex='2']";
    /** The unread badge inside a row; its text is the number of unread messages. */
    public static final String UNREAD_BADGE = "span[aria-label*='unread message']";

    /** Either of the two states a loaded WhatsApp Web page can be in. */
    public static final String LOADED = QR_CODE + ", " + CHAT_LIST;

    private WhatsAppSelectors() {
    }
}
