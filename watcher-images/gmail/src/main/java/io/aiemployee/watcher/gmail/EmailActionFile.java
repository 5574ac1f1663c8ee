package io.aiemployee.watcher.gmail;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.SafeFileNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns an {@link EmailMessage} into the {@code EMAIL_<id>.md} action file for Needs_Action (pure). */
public final class EmailActionFile {

    public static final List<String> DEFAULT_URGENT_WORDS =
            List.of("urgent", "asap", "important", "immediately", "deadline", "overdue");
    static final int EXCERPT_CHARS = 2000;

    private final List<Pattern> urgentWords;

    public EmailActionFile(List<String> urgentWords) {
        this.urgentWords = urgentWords.stream()
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .map(word -> Pattern.compile("\\b" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "\\b",
                        Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS))
                .toList();
    }

    public static String fileName(String messageId) {
        return SafeFileNames.sanitize("EMAIL_" + messageId + ".md");
    }

    /** "high" when an urgent word appears in the subject or the text, else "normal". */
    public String priority(EmailMessage message) {
        String haystack = (message.subject() == null ? "" : message.subject()) + "\n" + message.text();
        return urgentWords.stream().anyMatch(word -> word.matcher(haystack).find()) ? "high" : "normal";
    }

    public ActionDocument render(EmailMessage message, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "email");
        fields.put("from", orEmpty(message.from()));
        fields.put("to", orEmpty(message.to()));
        fields.put("subject", orEmpty(message.subject()));
        fields.put("received", (message.received() == null ? now : message.received()).toString());
        fields.put("message_id", message.id());
        fields.put("thread_id", orEmpty(message.threadId()));
        fields.put("labels", message.labels());
        fields.put("priority", priority(message));
        fields.put("status", "pending");
        fields.put("created", now.toString());
        return new ActionDocument(fields, body(message));
    }

    private static String body(EmailMessage message) {
        String subject = message.subject() == null || message.subject().isBlank() ? "(no subject)" : message.subject();
        StringBuilder body = new StringBuilder();
        body.append("# Email: ").append(subject.replace('\n', ' ')).append("\n\n");
        body.append("From: ").append(orEmpty(message.from()).replace('\n', ' ')).append("\n\n");
        body.append("## Excerpt\n\n");
        String excerpt = PlainText.excerpt(message.text(), EXCERPT_CHARS);
        if (excerpt.isEmpty()) {
            body.append("> (no text)\n");
        } else {
            // quoted, so nothing in a mail can become a heading or a task in the vault
            for (String line : excerpt.split("\n", -1)) {
                body.append(line.isEmpty() ? ">" : "> " + line).append('\n');
            }
        }
        body.append("\n## Suggested actions\n\n- [ ] Reply\n- [ ] Forward or delegate\n- [ ] Archive\n");
        return body.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
