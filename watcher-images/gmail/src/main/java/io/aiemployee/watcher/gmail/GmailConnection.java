package io.aiemployee.watcher.gmail;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Google's Gmail client, authorized by a {@link Credential} built from {@code token.json}. The
 * credential refreshes the access token when it is about to expire (by {@code clock}) and after a
 * 401; a refused refresh surfaces as a {@link com.google.api.client.auth.oauth2.TokenResponseException}.
 */
public final class GmailConnection {

    static final String APPLICATION_NAME = "aiemployee-gmail-watcher";
    private static final String USER = "me";

    private final Gmail gmail;

    private GmailConnection(Gmail gmail) {
        this.gmail = gmail;
    }

    /** {@code rootUrl} is Gmail's API root, {@code https://gmail.googleapis.com/} unless testing. */
    public static GmailConnection open(GmailToken token, String rootUrl, Clock clock) {
        HttpTransport transport = new NetHttpTransport();
        Credential credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(transport)
                .setJsonFactory(GmailToken.JSON)
                .setTokenServerEncodedUrl(token.tokenUri())
                .setClientAuthentication(new ClientParametersAuthentication(token.clientId(), token.clientSecret()))
                .setClock(clock::millis)
                .build();
        credential.setRefreshToken(token.refreshToken());
        if (token.accessToken() != null && token.expiry() != null) {
            credential.setAccessToken(token.accessToken());
            credential.setExpirationTimeMilliseconds(token.expiry().toEpochMilli());
        }
        Gmail gmail = new Gmail.Builder(transport, GmailToken.JSON, credential)
                .setApplicationName(APPLICATION_NAME)
                .setRootUrl(rootUrl)
                .build();
        return new GmailConnection(gmail);
    }

    /** Ids of the messages matching {@code query}, newest first, following pages up to {@code limit}. */
    public List<String> listMessageIds(String query, int limit) throws IOException {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            ListMessagesResponse page = gmail.users().messages().list(USER)
                    .setQ(query)
                    .setMaxResults((long) Math.min(500, limit - ids.size()))
                    .setPageToken(pageToken)
                    .execute();
            if (page.getMessages() != null) {
                for (Message message : page.getMessages()) {
                    if (ids.size() < limit) {
                        ids.add(message.getId());
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && ids.size() < limit);
        return ids;
    }

    /** The full message (headers and decoded MIME parts). */
    public Message getMessage(String id) throws IOException {
        return gmail.users().messages().get(USER, id).setFormat("full").execute();
    }

    static String header(Message message, String name) {
        if (message.getPayload() == null || message.getPayload().getHeaders() == null) {
            return null;
        }
        for (MessagePartHeader header : message.getPayload().getHeaders()) {
            if (name.equalsIgnoreCase(header.getName())) {
                return header.getValue();
            }
        }
        return null;
    }
}
