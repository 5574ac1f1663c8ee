package io.aiemployee.watcher.gmail;

import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code watcher gmail}: Gmail → Needs_Action; {@code watcher gmail setup} creates the token. */
@Command(name = "gmail", mixinStandardHelpOptions = true, subcommands = GmailSetupCommand.class,
        description = "Polls Gmail and writes an EMAIL_<id>.md action file in Needs_Action/ for each new matching message.")
public final class GmailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatcherOptions options;

    @Option(names = "--credentials-dir", defaultValue = "${env:GMAIL_CREDENTIALS_DIR:-/var/run/secrets/aiemployee/gmail}",
            description = "Folder holding token.json (env GMAIL_CREDENTIALS_DIR, default /var/run/secrets/aiemployee/gmail).")
    Path credentialsDir;

    @Option(names = "--query", defaultValue = "${env:GMAIL_QUERY:-is:unread is:important}",
            description = "Gmail search query (env GMAIL_QUERY, default \"is:unread is:important\").")
    String query;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "${env:GMAIL_POLL_INTERVAL_SECONDS:-120}",
            description = "Seconds between polls (env GMAIL_POLL_INTERVAL_SECONDS, default 120).")
    long pollIntervalSeconds;

    @Option(names = "--max-messages-per-poll", defaultValue = "${env:GMAIL_MAX_MESSAGES_PER_POLL:-100}",
            description = "At most this many matching messages (newest first) are read per poll "
                    + "(env GMAIL_MAX_MESSAGES_PER_POLL, default 100).")
    int maxMessagesPerPoll;

    @Option(names = "--processed-ids-limit", defaultValue = "${env:GMAIL_PROCESSED_IDS_LIMIT:-10000}",
            description = "How many processed message ids are remembered (env GMAIL_PROCESSED_IDS_LIMIT, default 10000).")
    int processedIdsLimit;

    @Option(names = "--urgent-words", split = ",",
            defaultValue = "${env:GMAIL_URGENT_WORDS:-urgent,asap,important,immediately,deadline,overdue}",
            description = "Words that make an email's priority high, comma-separated (env GMAIL_URGENT_WORDS).")
    List<String> urgentWords;

    @Option(names = "--api-root-url", defaultValue = "${env:GMAIL_API_ROOT_URL:-https://gmail.googleapis.com/}",
            description = "Gmail API root URL (env GMAIL_API_ROOT_URL); change it only for tests or a proxy.")
    String apiRootUrl;

    @Override
    public Integer call() {
        GmailSettings settings;
        try {
            settings = new GmailSettings(credentialsDir, query, Duration.ofSeconds(pollIntervalSeconds), apiRootUrl,
                    maxMessagesPerPoll, processedIdsLimit, urgentWords);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return WatcherRunner.run(new GmailWatcher(settings), options);
    }
}
