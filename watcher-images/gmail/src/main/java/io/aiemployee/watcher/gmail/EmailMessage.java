package io.aiemployee.watcher.gmail;

import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/** What the watcher keeps of a Gmail message: headers, labels and the body as plain text. */
public record EmailMessage(String id, String threadId, String from, String to, String subject, Instant received,
                           List<String> labels, String snippet, String text) {

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    public EmailMessage {
        labels = labels == null ? List.of() : List.copyOf(labels);
        snippet = snippet == null ? "" : snippet;
        text = text == null ? "" : text;
    }

    /** Converts a message fetched with {@code format=full}. */
    public static EmailMessage from(Message message) {
        MessagePart payload = message.getPayload();
        String text = payload == null ? "" : bodyText(payload);
        Instant received = message.getInternalDate() == null ? null : Instant.ofEpochMilli(message.getInternalDate());
        return new EmailMessage(message.getId(), message.getThreadId(),
                GmailConnection.header(message, "From"), GmailConnection.header(message, "To"),
                GmailConnection.header(message, "Subject"), received, message.getLabelIds(), message.getSnippet(),
                text.isEmpty() ? PlainText.tidy(Parser.unescapeEntities(orEmpty(message.getSnippet()), false)) : text);
    }

    /** The text/plain part when there is one, else the first text/html part converted, else "". */
    static String bodyText(MessagePart root) {
        String plain = firstPart(root, "text/plain");
        if (plain != null && !plain.isBlank()) {
            return PlainText.tidy(plain);
        }
        String html = firstPart(root, "text/html");
        return html == null ? "" : HtmlText.toText(html);
    }

    private static String firstPart(MessagePart part, String mimeType) {
        if (isAttachment(part)) {
            return null;
        }
        String type = part.getMimeType() == null ? "" : part.getMimeType().toLowerCase(Locale.ROOT);
        if (type.equals(mimeType) && part.getBody() != null && part.getBody().getData() != null) {
            return new String(part.getBody().decodeData(), charsetOf(part));
        }
        if (part.getParts() != null) {
            for (MessagePart child : part.getParts()) {
                String found = firstPart(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean isAttachment(MessagePart part) {
        return part.getFilename() != null && !part.getFilename().isEmpty();
    }

    private static Charset charsetOf(MessagePart part) {
        if (part.getHeaders() != null) {
            for (MessagePartHeader header : part.getHeaders()) {
                if ("Content-Type".equalsIgnoreCase(header.getName()) && header.getValue() != null) {
                    Matcher matcher = CHARSET.matcher(header.getValue());
                    if (matcher.find()) {
                        try {
                            return Charset.forName(matcher.group(1));
                        } catch (IllegalArgumentException unknown) {
                            return StandardCharsets.UTF_8;
                        }
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
