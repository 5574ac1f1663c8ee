package io.aiemployee.watcher.gmail;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import io.aiemployee.watcher.ConfigurationException;
import java.io.IOException;
import java.util.Set;

/** What a failed Gmail or token-endpoint call means for the watcher (pure). */
final class GmailFailures {

    static final String TOKEN_REVOKED = "Gmail token expired or revoked: run `watcher gmail setup`";
    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    enum Kind {
        /** Try again after a backoff: rate limits, 5xx, network trouble. */
        RETRY,
        /** The message no longer exists (deleted between list and get). */
        GONE,
        /** Credentials, scopes or options are wrong: exit 78. */
        CONFIGURATION
    }

    private GmailFailures() {
    }

    static Kind classify(IOException failure) {
        if (failure instanceof TokenResponseException token) {
            int status = token.getStatusCode();
            if (status == 429 || status >= 500 || token.getDetails() == null) {
                return Kind.RETRY;
            }
            return Kind.CONFIGURATION;
        }
        if (failure instanceof HttpResponseException http) {
            int status = http.getStatusCode();
            if (status == 404) {
                return Kind.GONE;
            }
            if (status == 400) {
                return Kind.CONFIGURATION;
            }
            if (status == 403) {
                return RATE_LIMIT_REASONS.contains(reason(failure)) ? Kind.RETRY : Kind.CONFIGURATION;
            }
            return Kind.RETRY;
        }
        return Kind.RETRY; // connection refused, timeouts, unknown host: the network comes back
    }

    static ConfigurationException toConfiguration(IOException failure) {
        if (failure instanceof TokenResponseException token && token.getDetails() != null) {
            String error = token.getDetails().getError();
            if ("invalid_grant".equals(error)) {
                return new ConfigurationException(TOKEN_REVOKED, failure);
            }
            String description = token.getDetails().getErrorDescription();
            return new ConfigurationException("Gmail token refresh refused (" + error
                    + (description == null ? "" : ": " + description)
                    + "): check client_id and client_secret in token.json or run `watcher gmail setup`", failure);
        }
        if (failure instanceof GoogleJsonResponseException json && json.getDetails() != null) {
            int status = json.getStatusCode();
            String message = json.getDetails().getMessage();
            if (status == 403) {
                return new ConfigurationException("Gmail refused access (" + message
                        + "): the token needs the gmail.readonly scope and the Gmail API enabled; run `watcher gmail setup`",
                        failure);
            }
            return new ConfigurationException("Gmail rejected the request (" + status + " " + message
                    + "): check the query option", failure);
        }
        return new ConfigurationException("Gmail refused the watcher: " + failure.getMessage(), failure);
    }

    static String reason(IOException failure) {
        if (failure instanceof GoogleJsonResponseException json) {
            GoogleJsonError details = json.getDetails();
            if (details != null && details.getErrors() != null && !details.getErrors().isEmpty()) {
                return details.getErrors().get(0).getReason();
            }
        }
        return null;
    }
}
