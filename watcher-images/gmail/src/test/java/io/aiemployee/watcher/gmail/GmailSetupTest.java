package io.aiemployee.watcher.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmailSetupTest {

    @TempDir
    Path temp;
    FakeGmailServer google;
    Path clientSecrets;

    @BeforeEach
    void start() throws IOException {
        google = new FakeGmailServer();
        clientSecrets = temp.resolve("credentials.json");
        // the file the Google Cloud console offers for a "Desktop app" OAuth client
        Files.writeString(clientSecrets, """
                {"installed":{"client_id":"%s","project_id":"aiemployee-test","auth_uri":"%s",\
                "token_uri":"%s","auth_provider_x509_cert_url":"https://www.googleapis.com/oauth2/v1/certs",\
                "client_secret":"%s","redirect_uris":["http://localhost"]}}"""
                .formatted(FakeGmailServer.CLIENT_ID, google.rootUrl() + "o/oauth2/auth", google.tokenUri(),
                        FakeGmailServer.CLIENT_SECRET));
    }

    @AfterEach
    void stop() {
        google.close();
    }

    /** Plays the user in the browser: checks the consent URL, then follows Google's redirect to the loopback receiver. */
    private ConsentScreen consentingUser(String code) {
        return new ConsentScreen(code);
    }

    private final class ConsentScreen implements com.google.api.client.extensions.java6.auth.oauth2.AuthorizationCodeInstalledApp.Browser {
        final String code;
        final AtomicReference<Map<String, String>> params = new AtomicReference<>();
        final AtomicReference<String> landingPage = new AtomicReference<>();

        ConsentScreen(String code) {
            this.code = code;
        }

        @Override
        public void browse(String url) throws IOException {
            URI uri = URI.create(url);
            Map<String, String> query = FakeGmailServer.parseQuery(uri.getRawQuery());
            params.set(query);
            google.codeChallenge = query.get("code_challenge");
            String redirect = query.get("redirect_uri") + "?code=" + code + "&scope=" + query.get("scope");
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(redirect)).build(), HttpResponse.BodyHandlers.ofString());
                landingPage.set(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Test
    void consentFlowWritesATokenJsonTheWatcherCanUse() throws Exception {
        Path tokenFile = temp.resolve("gmail/token.json");
        ConsentScreen user = consentingUser(FakeGmailServer.AUTH_CODE);

        GmailToken token = new GmailSetup(user, 0).run(clientSecrets, tokenFile);

        Map<String, String> consent = user.params.get();
        assertThat(consent).containsEntry("client_id", FakeGmailServer.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent")
                .containsEntry("scope", "https://www.googleapis.com/auth/gmail.readonly")
                .containsEntry("code_challenge_method", "S256");
        assertThat(consent.get("redirect_uri")).startsWith("http://127.0.0.1:");
        assertThat(google.tokenRequests).singleElement().satisfies(form -> assertThat(form)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", FakeGmailServer.AUTH_CODE)
                .containsEntry("redirect_uri", consent.get("redirect_uri")));
        assertThat(token.refreshToken()).isEqualTo(FakeGmailServer.REFRESH_TOKEN);

        String json = Files.readString(tokenFile);
        assertThat(json).contains("\"refresh_token\"", "\"client_id\"", "\"client_secret\"", "\"token_uri\"", "\"expiry\"");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        GmailToken reread = GmailToken.read(tokenFile);
        assertThat(reread).isEqualTo(token);

        // the watcher runs with what setup wrote
        google.add(new FakeMail("s1").plain("after setup"));
        VaultLayout vault = VaultLayout.at(temp.resolve("vault"));
        GmailSettings settings = GmailSettings.defaults().withCredentialsDir(tokenFile.getParent()).withRootUrl(google.rootUrl());
        new GmailWatcher(settings, delay -> false).run(new TestContext(vault, 1));
        assertThat(vault.needsAction().resolve("EMAIL_s1.md")).exists();
    }

    @Test
    void aRejectedCodeExchangeFailsWithoutWritingAToken() {
        Path tokenFile = temp.resolve("gmail/token.json");
        assertThatThrownBy(() -> new GmailSetup(consentingUser("4/0WRONG"), 0).run(clientSecrets, tokenFile))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("invalid_grant");
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void aMissingOrWrongClientFileIsExplained() throws IOException {
        Path tokenFile = temp.resolve("gmail/token.json");
        assertThatThrownBy(() -> new GmailSetup(consentingUser(FakeGmailServer.AUTH_CODE), 0)
                .run(temp.resolve("nope.json"), tokenFile))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OAuth client file not found");
        Path web = temp.resolve("web.json");
        Files.writeString(web, "{\"web\":{\"client_id\":\"a\",\"client_secret\":\"b\"}}");
        assertThatThrownBy(() -> new GmailSetup(consentingUser(FakeGmailServer.AUTH_CODE), 0).run(web, tokenFile))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Desktop app");
    }
}
