package io.aiemployee.watcher.gmail;

import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.extensions.java6.auth.oauth2.AuthorizationCodeInstalledApp;
import com.google.api.client.extensions.jetty.auth.oauth2.LocalServerReceiver;
import com.google.api.client.googleapis.auth.oauth2.GoogleClientSecrets;
import com.google.api.client.googleapis.auth.oauth2.GoogleOAuthConstants;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.services.gmail.GmailScopes;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code watcher gmail setup}: Google's installed-app consent flow. A loopback receiver on
 * 127.0.0.1 catches the authorization code, the code is exchanged (with PKCE) for an offline
 * refresh token, and the result is written as {@code token.json} where the watcher reads it.
 */
public final class GmailSetup {

    /** The watcher only reads mail. */
    public static final List<String> SCOPES = List.of(GmailScopes.GMAIL_READONLY);

    private final AuthorizationCodeInstalledApp.Browser browser;
    private final int port;

    /** {@code port} 0 picks a free port. */
    public GmailSetup(AuthorizationCodeInstalledApp.Browser browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    /** Runs the consent flow with the OAuth client in {@code clientSecretsFile} and writes {@code tokenFile}. */
    public GmailToken run(Path clientSecretsFile, Path tokenFile) throws ConfigurationException, IOException {
        GoogleClientSecrets secrets = readClientSecrets(clientSecretsFile);
        GoogleClientSecrets.Details details = secrets.getDetails();
        String tokenUri = orDefault(details.getTokenUri(), GoogleOAuthConstants.TOKEN_SERVER_URL);
        // the generic flow, because GoogleAuthorizationCodeFlow's authorization URL leaves PKCE out
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow.Builder(BearerToken.authorizationHeaderAccessMethod(),
                new NetHttpTransport(), GmailToken.JSON, new GenericUrl(tokenUri),
                new ClientParametersAuthentication(details.getClientId(), details.getClientSecret()),
                details.getClientId(), orDefault(details.getAuthUri(), GoogleOAuthConstants.AUTHORIZATION_SERVER_URL))
                .setScopes(SCOPES)
                .enablePKCE()
                .build();
        LocalServerReceiver receiver = new LocalServerReceiver.Builder()
                .setHost("127.0.0.1")
                .setPort(port == 0 ? -1 : port)
                .build();
        Credential credential = new AuthorizationCodeInstalledApp(flow, receiver, browser) {
            @Override
            protected void onAuthorization(AuthorizationCodeRequestUrl url) throws IOException {
                // offline: a refresh token; prompt=consent: Google sends it even when the app was approved before
                url.set("access_type", "offline");
                url.set("prompt", "consent");
                super.onAuthorization(url);
            }
        }.authorize("user");
        if (credential.getRefreshToken() == null) {
            throw new ConfigurationException("Google returned no refresh token: remove the app's access at "
                    + "https://myaccount.google.com/permissions and run `watcher gmail setup` again");
        }
        Long expiresAt = credential.getExpirationTimeMilliseconds();
        GmailToken token = new GmailToken(details.getClientId(), details.getClientSecret(), credential.getRefreshToken(),
                credential.getAccessToken(), tokenUri, expiresAt == null ? null : Instant.ofEpochMilli(expiresAt), SCOPES);
        token.write(tokenFile);
        return token;
    }

    private static GoogleClientSecrets readClientSecrets(Path file) throws ConfigurationException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            GoogleClientSecrets secrets = GoogleClientSecrets.load(GmailToken.JSON, reader);
            if (secrets.getInstalled() == null) {
                throw new ConfigurationException(file + " is not a client of type \"Desktop app\" (no \"installed\" section): "
                        + "create an OAuth client ID of type Desktop app in the Google Cloud console");
            }
            return secrets;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("OAuth client file not found: " + file
                    + " (download it from the Google Cloud console: APIs & Services, Credentials)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot read the OAuth client file " + file + ": " + e.getMessage());
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
