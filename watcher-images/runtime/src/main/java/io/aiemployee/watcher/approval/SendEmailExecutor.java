package io.aiemployee.watcher.approval;

import io.aiemployee.vault.VaultLayout;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code send_email}: {@code to} (one address or a list), optional {@code cc}, {@code subject}
 * (one line), {@code body} (plain text), optional {@code attachments} (vault-relative paths of
 * files inside the vault). Sent over SMTP with Jakarta Mail (Angus).
 */
public final class SendEmailExecutor implements ActionExecutor {

    public static final String ACTION = "send_email";
    /** Attachments larger than this, together, are refused. */
    public static final long MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;
    private static final int TIMEOUT_MILLIS = 15_000;

    private final SmtpSettings smtp;

    public SendEmailExecutor(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public Prepared prepare(Parameters parameters, VaultLayout vault) throws InvalidApprovalException {
        List<InternetAddress> to = addresses(parameters.textList("to", true), "to");
        List<InternetAddress> cc = addresses(parameters.textList("cc", false), "cc");
        String subject = parameters.requireLine("subject");
        String body = parameters.requireText("body");
        List<Path> attachments = new ArrayList<>();
        long total = 0;
        for (String relative : parameters.textList("attachments", false)) {
            Path file = VaultPaths.insideVault(vault, relative, "attachments");
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new InvalidApprovalException("attachment '" + relative + "' cannot be read: " + e.getMessage());
            }
            attachments.add(file);
        }
        if (total > MAX_ATTACHMENT_BYTES) {
            throw new InvalidApprovalException("attachments are too large (" + total + " bytes, the limit is "
                    + MAX_ATTACHMENT_BYTES + ")");
        }
        return new Prepared() {
            @Override
            public String describe() {
                return "send an email via " + (smtp.configured() ? smtp.host() + ":" + smtp.port() : "SMTP (not configured)")
                        + " from " + smtp.from() + " to " + to + (cc.isEmpty() ? "" : " cc " + cc)
                        + ", subject \"" + subject + "\", " + body.length() + " characters of text"
                        + (attachments.isEmpty() ? "" : ", attachments " + attachments.stream()
                                .map(p -> vault.root().relativize(p).toString()).toList());
            }

            @Override
            public Map<String, Object> execute() throws Exception {
                if (!smtp.configured()) {
                    throw new InvalidApprovalException("SMTP is not configured (set SMTP_HOST and SMTP_FROM, or mount the SMTP secret)");
                }
                Session session = session();
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(smtp.from(), true));
                message.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
                if (!cc.isEmpty()) {
                    message.setRecipients(Message.RecipientType.CC, cc.toArray(Address[]::new));
                }
                message.setSubject(subject, "UTF-8");
                if (attachments.isEmpty()) {
                    message.setText(body, "UTF-8");
                } else {
                    MimeMultipart multipart = new MimeMultipart();
                    MimeBodyPart text = new MimeBodyPart();
                    text.setText(body, "UTF-8");
                    multipart.addBodyPart(text);
                    for (Path file : attachments) {
                        MimeBodyPart part = new MimeBodyPart();
                        part.setDataHandler(new DataHandler(new FileDataSource(file.toFile())));
                        part.setFileName(file.getFileName().toString());
                        multipart.addBodyPart(part);
                    }
                    message.setContent(multipart);
                }
                message.saveChanges();
                String messageId = message.getMessageID();
                send(session, message);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("message_id", messageId);
                result.put("recipients", to.size() + cc.size());
                return result;
            }
        };
    }

    private Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MILLIS));
        // the Message-ID and EHLO names come from these instead of a (possibly slow) local host name lookup
        props.put("mail.from", smtp.from());
        props.put("mail.smtp.localhost", heloName(smtp.from()));
        if (smtp.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.username() != null) {
            props.put("mail.smtp.auth", "true");
        }
        return Session.getInstance(props);
    }

    /** Sends without {@code Transport.send}, which would call saveChanges again and change the Message-ID we record. */
    private void send(Session session, MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            if (smtp.username() != null) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static String heloName(String from) {
        int at = from.lastIndexOf('@');
        String domain = at >= 0 ? from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "") : "";
        return domain.isEmpty() ? "localhost" : domain;
    }

    private static List<InternetAddress> addresses(List<String> values, String field) throws InvalidApprovalException {
        List<InternetAddress> out = new ArrayList<>();
        for (String value : values) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new InvalidApprovalException("parameter '" + field + "' contains a line break");
            }
            try {
                InternetAddress[] parsed = InternetAddress.parse(value, true);
                if (parsed.length != 1) {
                    throw new InvalidApprovalException("parameter '" + field + "' must hold one address per entry: " + value);
                }
                parsed[0].validate();
                out.add(parsed[0]);
            } catch (AddressException e) {
                throw new InvalidApprovalException("parameter '" + field + "' is not an email address: " + value);
            }
        }
        return out;
    }

}
