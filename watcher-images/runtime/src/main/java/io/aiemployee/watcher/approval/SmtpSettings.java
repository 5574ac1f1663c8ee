package io.aiemployee.watcher.approval;

import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SMTP server the {@code send_email} action uses. Read from a mounted Secret directory (one
 * file per key: {@code host}, {@code port}, {@code username}, {@code password}, {@code from},
 * {@code starttls}) and from environment variables ({@code SMTP_HOST}, {@code SMTP_PORT},
 * {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}, {@code SMTP_FROM}, {@code SMTP_STARTTLS}), which
 * win over the files.
 */
public record SmtpSettings(String host, int port, String username, String password, String from, boolean startTls) {

    public static final Path DEFAULT_SECRET_DIR = Path.of("/var/run/secrets/aiemployee/smtp");

    /** The password never appears in logs. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from
                + ", starttls=" + startTls + ", password=" + (password == null ? "none" : "***") + "]";
    }

    public boolean configured() {
        return host != null;
    }

    /**
     * Loads the settings. Nothing configured is fine (send_email then fails per approval with a
     * clear reason); a half-written configuration is a configuration error.
     */
    public static SmtpSettings load(Path secretDir, Map<String, String> env) throws ConfigurationException {
        String host = value("host", "SMTP_HOST", secretDir, env);
        String port = value("port", "SMTP_PORT", secretDir, env);
        String username = value("username", "SMTP_USERNAME", secretDir, env);
        String password = value("password", "SMTP_PASSWORD", secretDir, env);
        String from = value("from", "SMTP_FROM", secretDir, env);
        String startTls = value("starttls", "SMTP_STARTTLS", secretDir, env);
        if (host == null) {
            if (username != null || password != null || from != null || port != null) {
                throw new ConfigurationException("SMTP is partly configured: the host is missing (SMTP_HOST or 'host' in "
                        + secretDir + ")");
            }
            return new SmtpSettings(null, 0, null, null, null, false);
        }
        if (from == null) {
            throw new ConfigurationException("SMTP sender missing: set SMTP_FROM or 'from' in " + secretDir);
        }
        if ((username == null) != (password == null)) {
            throw new ConfigurationException("SMTP credentials incomplete: give both username and password, or neither");
        }
        int portNumber;
        try {
            portNumber = port == null ? 587 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("SMTP port is not a number: " + port);
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw new ConfigurationException("SMTP port out of range: " + port);
        }
        boolean tls = startTls == null ? portNumber == 587 : Boolean.parseBoolean(startTls);
        return new SmtpSettings(host, portNumber, username, password, from, tls);
    }

    private static String value(String key, String envName, Path secretDir, Map<String, String> env) throws ConfigurationException {
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (secretDir == null) {
            return null;
        }
        Path file = secretDir.resolve(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
