package io.aiemployee.watcher.gmail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Gmail watcher's options (from the command line or the environment). */
public record GmailSettings(Path credentialsDir, String query, Duration pollInterval, String rootUrl,
                            int maxMessagesPerPoll, int processedIdsLimit, List<String> urgentWords) {

    public static final Path DEFAULT_CREDENTIALS_DIR = Path.of("/var/run/secrets/aiemployee/gmail");
    public static final String DEFAULT_QUERY = "is:unread is:important";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(120);
    public static final String DEFAULT_ROOT_URL = "https://gmail.googleapis.com/";
    public static final int DEFAULT_MAX_MESSAGES_PER_POLL = 100;
    public static final int DEFAULT_PROCESSED_IDS_LIMIT = 10_000;

    public GmailSettings {
        if (maxMessagesPerPoll < 1) {
            throw new IllegalArgumentException("max messages per poll must be at least 1");
        }
        if (processedIdsLimit < maxMessagesPerPoll) {
            // otherwise ids of messages that still match could be forgotten and written again
            throw new IllegalArgumentException("the processed-ids limit (" + processedIdsLimit
                    + ") must be at least the messages per poll (" + maxMessagesPerPoll + ")");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
        rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
        urgentWords = List.copyOf(urgentWords);
    }

    public static GmailSettings defaults() {
        return new GmailSettings(DEFAULT_CREDENTIALS_DIR, DEFAULT_QUERY, DEFAULT_POLL_INTERVAL, DEFAULT_ROOT_URL,
                DEFAULT_MAX_MESSAGES_PER_POLL, DEFAULT_PROCESSED_IDS_LIMIT, EmailActionFile.DEFAULT_URGENT_WORDS);
    }

    public Path tokenFile() {
        return credentialsDir.resolve(GmailToken.FILE_NAME);
    }

    public GmailSettings withCredentialsDir(Path value) {
        return new GmailSettings(value, query, pollInterval, rootUrl, maxMessagesPerPoll, processedIdsLimit, urgentWords);
    }

    public GmailSettings withRootUrl(String value) {
        return new GmailSettings(credentialsDir, query, pollInterval, value, maxMessagesPerPoll, processedIdsLimit, urgentWords);
    }

    public GmailSettings withPollInterval(Duration value) {
        return new GmailSettings(credentialsDir, query, value, rootUrl, maxMessagesPerPoll, processedIdsLimit, urgentWords);
    }
}
