package io.aiemployee.watcher.whatsapp;

/** One row of the chat list as the page shows it. {@code unreadCount} 0 means read. */
public record ChatPreview(String chat, String preview, String time, int unreadCount) {

    public ChatPreview {
        chat = chat == null ? "" : chat.strip();
        preview = preview == null ? "" : preview.strip();
        time = time == null ? "" : time.strip();
    }

    public boolean unread() {
        return unreadCount > 0;
    }

    /** What identifies this message across polls and restarts. */
    public String key() {
        return (chat + "\u001f" + time + "\u001f" + preview).replace('\n', ' ').replace('\r', ' ');
    }
}
