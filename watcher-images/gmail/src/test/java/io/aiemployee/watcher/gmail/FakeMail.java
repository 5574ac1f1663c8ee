package io.aiemployee.watcher.gmail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A message in the fake mailbox, rendered in Gmail's users.messages.get format=full JSON. */
final class FakeMail {

    final String id;
    String threadId;
    List<String> labels = new ArrayList<>(List.of("INBOX", "UNREAD", "IMPORTANT"));
    String from = "Alice Example <alice@example.com>";
    String to = "me@example.com";
    String subject = "Hello";
    Instant internalDate = Instant.parse("2026-02-16T18:25:00Z");
    String plain;
    byte[] plainBytes;
    String plainCharset = "UTF-8";
    String html;
    String attachmentName;

    FakeMail(String id) {
        this.id = id;
        this.threadId = "t" + id;
    }

    FakeMail subject(String value) { subject = value; return this; }
    FakeMail from(String value) { from = value; return this; }
    FakeMail plain(String value) { plain = value; return this; }
    FakeMail html(String value) { html = value; return this; }
    FakeMail labels(String... value) { labels = new ArrayList<>(List.of(value)); return this; }
    FakeMail latin1Plain(String value) { plainBytes = value.getBytes(Charset.forName("ISO-8859-1")); plainCharset = "ISO-8859-1"; return this; }
    FakeMail attachment(String name) { attachmentName = name; return this; }

    JsonObject listEntry() {
        JsonObject entry = new JsonObject();
        entry.addProperty("id", id);
        entry.addProperty("threadId", threadId);
        return entry;
    }

    JsonObject full() {
        JsonObject message = listEntry();
        JsonArray labelIds = new JsonArray();
        labels.forEach(labelIds::add);
        message.add("labelIds", labelIds);
        String text = plain != null ? plain : html == null ? "" : html.replaceAll("<[^>]+>", " ");
        message.addProperty("snippet", text.length() > 100 ? text.substring(0, 100) : text);
        message.addProperty("historyId", "123456");
        // int64 fields travel as JSON strings in Google's APIs
        message.addProperty("internalDate", Long.toString(internalDate.toEpochMilli()));
        message.addProperty("sizeEstimate", 4321);

        JsonObject payload = new JsonObject();
        payload.addProperty("partId", "");
        payload.addProperty("filename", "");
        JsonArray headers = new JsonArray();
        headers.add(header("Delivered-To", to));
        headers.add(header("From", from));
        headers.add(header("To", to));
        headers.add(header("Subject", subject));
        headers.add(header("Message-ID", "<" + id + "@mail.example.com>"));
        payload.add("headers", headers);
        List<JsonObject> parts = new ArrayList<>();
        if (plain != null || plainBytes != null) {
            byte[] bytes = plainBytes != null ? plainBytes : plain.getBytes(StandardCharsets.UTF_8);
            parts.add(leaf("text/plain; charset=\"" + plainCharset + "\"", "text/plain", bytes, ""));
        }
        if (html != null) {
            parts.add(leaf("text/html; charset=\"UTF-8\"", "text/html", html.getBytes(StandardCharsets.UTF_8), ""));
        }
        if (parts.size() == 1 && attachmentName == null) {
            JsonObject only = parts.get(0);
            payload.addProperty("mimeType", only.get("mimeType").getAsString());
            payload.get("headers").getAsJsonArray().addAll(only.get("headers").getAsJsonArray());
            payload.add("body", only.get("body"));
        } else {
            JsonObject alternative = new JsonObject();
            alternative.addProperty("mimeType", "multipart/alternative");
            alternative.addProperty("filename", "");
            alternative.add("headers", new JsonArray());
            alternative.add("body", sizeOnly());
            JsonArray alternativeParts = new JsonArray();
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).addProperty("partId", "0." + i);
                alternativeParts.add(parts.get(i));
            }
            alternative.add("parts", alternativeParts);
            JsonArray top = new JsonArray();
            alternative.addProperty("partId", "0");
            top.add(alternative);
            if (attachmentName != null) {
                JsonObject attachment = new JsonObject();
                attachment.addProperty("partId", "1");
                attachment.addProperty("mimeType", "text/plain");
                attachment.addProperty("filename", attachmentName);
                attachment.add("headers", new JsonArray());
                JsonObject body = new JsonObject();
                body.addProperty("attachmentId", "ANGjdJ-attachment");
                body.addProperty("size", 99);
                attachment.add("body", body);
                top.add(attachment);
            }
            payload.addProperty("mimeType", attachmentName == null ? "multipart/alternative" : "multipart/mixed");
            payload.add("body", sizeOnly());
            payload.add("parts", attachmentName == null ? alternativeParts : top);
        }
        message.add("payload", payload);
        return message;
    }

    private static JsonObject leaf(String contentType, String mimeType, byte[] bytes, String partId) {
        JsonObject part = new JsonObject();
        part.addProperty("partId", partId);
        part.addProperty("mimeType", mimeType);
        part.addProperty("filename", "");
        JsonArray headers = new JsonArray();
        headers.add(header("Content-Type", contentType));
        headers.add(header("Content-Transfer-Encoding", "quoted-printable"));
        part.add("headers", headers);
        JsonObject body = new JsonObject();
        body.addProperty("size", bytes.length);
        // Gmail sends part bodies base64url-encoded (RFC 4648 section 5), without padding
        body.addProperty("data", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        part.add("body", body);
        return part;
    }

    private static JsonObject sizeOnly() {
        JsonObject body = new JsonObject();
        body.addProperty("size", 0);
        return body;
    }

    private static JsonObject header(String name, String value) {
        JsonObject header = new JsonObject();
        header.addProperty("name", name);
        header.addProperty("value", value);
        return header;
    }
}
