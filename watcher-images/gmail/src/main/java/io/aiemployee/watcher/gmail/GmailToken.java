package io.aiemployee.watcher.gmail;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Authorized-user credentials read from, and written to, a {@code token.json}. */
public record GmailToken(String clientId, String clientSecret, String refreshToken, String accessToken,
                         String tokenUri, Instant expiry, List<String> scopes) {

    public static final String FILE_NAME = "token.json";
    public static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
    static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    public GmailToken {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Reads {@code token.json}; anything missing or unreadable is a configuration error. */
    public static GmailToken read(Path file) throws ConfigurationException {
        TokenFile parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = JSON.fromInputStream(in, TokenFile.class);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("Gmail credentials not found at " + file
                    + ": run `watcher gmail setup` and mount the token.json it writes");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Gmail credentials in " + file + " are not a readable token.json: "
                    + e.getMessage());
        }
        if (parsed == null) {
            throw new ConfigurationException("Gmail credentials in " + file + " are empty");
        }
        for (String[] required : new String[][] {
                {"client_id", parsed.clientId}, {"client_secret", parsed.clientSecret}, {"refresh_token", parsed.refreshToken}}) {
            if (required[1] == null || required[1].isBlank()) {
                throw new ConfigurationException("Gmail credentials in " + file + " have no " + required[0]
                        + ": run `watcher gmail setup`");
            }
        }
        Instant expiry = null;
        if (parsed.expiry != null && !parsed.expiry.isBlank()) {
            try {
                expiry = Instant.parse(parsed.expiry);
            } catch (DateTimeParseException e) {
                expiry = null; // unknown expiry: the token is refreshed before its first use
            }
        }
        String tokenUri = parsed.tokenUri == null || parsed.tokenUri.isBlank() ? GOOGLE_TOKEN_URI : parsed.tokenUri;
        return new GmailToken(parsed.clientId, parsed.clientSecret, parsed.refreshToken, parsed.token, tokenUri,
                expiry, parsed.scopes);
    }

    /** Writes this token as {@code token.json}, readable by its owner only. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        }
        TokenFile out = new TokenFile();
        out.token = accessToken;
        out.refreshToken = refreshToken;
        out.tokenUri = tokenUri;
        out.clientId = clientId;
        out.clientSecret = clientSecret;
        out.scopes = scopes;
        out.expiry = expiry == null ? null : expiry.toString();
        out.setFactory(JSON);
        AtomicFiles.writeString(file, out.toPrettyString() + "\n");
        restrict(file, "rw-------");
    }

    private static void restrict(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system (Windows): the user's profile folder protects it
        }
    }
}
