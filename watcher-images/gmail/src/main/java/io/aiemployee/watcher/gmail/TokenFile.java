package io.aiemployee.watcher.gmail;

import com.google.api.client.json.GenericJson;
import com.google.api.client.util.Key;
import java.util.List;

/**
 * The {@code token.json} that Google's own tools write for an installed app ({@code
 * Credentials.to_json()} in google-auth for Python): authorized-user credentials. Unknown fields are
 * kept, so a file written by another tool survives a rewrite.
 */
public class TokenFile extends GenericJson {

    @Key public String token;
    @Key("refresh_token") public String refreshToken;
    @Key("token_uri") public String tokenUri;
    @Key("client_id") public String clientId;
    @Key("client_secret") public String clientSecret;
    @Key public List<String> scopes;
    /** ISO-8601 in UTC, e.g. {@code 2026-02-16T18:25:00.123456Z}. */
    @Key public String expiry;
    @Key("universe_domain") public String universeDomain;
    @Key public String account;
}
