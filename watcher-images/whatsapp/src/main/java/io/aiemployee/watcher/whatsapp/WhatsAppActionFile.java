package io.aiemployee.watcher.whatsapp;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.SafeFileNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code WHATSAPP_<chat>_<time>.md} action file for a chat whose preview matched keywords (pure). */
public final class WhatsAppActionFile {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private WhatsAppActionFile() {
    }

    /** {@code detected} is when the watcher saw the message; the page only shows "10:42" or "Yesterday". */
    public static String fileName(ChatPreview chat, Instant detected) {
        return SafeFileNames.sanitize("WHATSAPP_" + chat.chat().replace(' ', '_') + "_" + FILE_TIME.format(detected) + ".md");
    }

    public static ActionDocument render(ChatPreview chat, List<String> keywords, Instant detected) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "whatsapp");
        fields.put("from", chat.chat());
        fields.put("preview", chat.preview());
        fields.put("time", chat.time());
        fields.put("received", detected.toString());
        fields.put("unread_count", chat.unreadCount());
        fields.put("keywords", keywords);
        fields.put("priority", "high");
        fields.put("status", "pending");
        String body = "# WhatsApp: " + chat.chat().replace('\n', ' ') + "\n\n"
                + "> " + chat.preview().replace("\n", "\n> ") + "\n\n"
                + "Matched: " + String.join(", ", keywords) + "\n\n"
                + "## Suggested actions\n\n- [ ] Reply in WhatsApp\n- [ ] Create a plan\n";
        return new ActionDocument(fields, body);
    }
}
