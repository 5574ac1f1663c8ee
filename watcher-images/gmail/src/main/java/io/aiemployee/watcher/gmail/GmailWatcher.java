package io.aiemployee.watcher.gmail;

import com.google.api.services.gmail.model.Message;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.ProcessedKeys;
import io.aiemployee.vault.VaultLayout;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.PollWait;
import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Gmail for messages matching the query and writes an {@code EMAIL_<id>.md} action file in
 * Needs_Action for each one not seen before.
 */
public final class GmailWatcher implements Watcher {

    static final String STATE_FILE = "processed-ids.txt";
    private static final Logger log = LoggerFactory.getLogger(GmailWatcher.class);

    private final GmailSettings settings;
    private final Backoff.Sleeper sleeper;

    public GmailWatcher(GmailSettings settings) {
        this(settings, null);
    }

    /** {@code sleeper} replaces the context's wait between retries (tests); null uses the context. */
    GmailWatcher(GmailSettings settings, Backoff.Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    @Override
    public WatcherKind kind() {
        return WatcherKind.GMAIL;
    }

    @Override
    public void run(WatcherContext context) throws Exception {
        GmailToken token = GmailToken.read(settings.tokenFile());
        GmailConnection gmail = GmailConnection.open(token, settings.rootUrl(), context.clock());
        VaultLayout vault = context.vault();
        ProcessedKeys processed = ProcessedKeys.load(vault.stateDir(kind().id()).resolve(STATE_FILE),
                settings.processedIdsLimit(), "Gmail message ids already in the vault");
        Backoff backoff = new Backoff(sleeper != null ? sleeper : delay -> {
            context.heartbeat();
            return context.awaitStop(delay);
        });
        EmailActionFile actionFiles = new EmailActionFile(settings.urgentWords());
        log.info("Gmail watcher polling every {} s for \"{}\" ({} messages already processed)",
                settings.pollInterval().toSeconds(), settings.query(), processed.size());
        while (!context.stopRequested()) {
            context.heartbeat();
            try {
                int written = poll(gmail, backoff, processed, actionFiles, context);
                if (written > 0) {
                    log.info("{} new message(s) written to {}", written, vault.needsAction());
                }
            } catch (GmailUnavailableException e) {
                log.warn("Gmail unavailable, trying again at the next poll: {}", e.getMessage());
            }
            if (PollWait.awaitNextPoll(context, settings.pollInterval())) {
                break;
            }
        }
    }

    /** One poll: lists matching ids, writes action files for the new ones. Returns how many were written. */
    int poll(GmailConnection gmail, Backoff backoff, ProcessedKeys processed, EmailActionFile actionFiles,
             WatcherContext context) throws ConfigurationException, GmailUnavailableException, InterruptedException,
            IOException {
        List<String> ids = backoff.call("listing messages", () ->
                gmail.listMessageIds(settings.query(), settings.maxMessagesPerPoll()));
        processed.touch(ids);
        List<String> oldestFirst = new ArrayList<>(ids);
        Collections.reverse(oldestFirst);
        int written = 0;
        for (String id : oldestFirst) {
            if (context.stopRequested()) {
                break;
            }
            if (processed.contains(id)) {
                continue;
            }
            Path target = context.vault().needsAction().resolve(EmailActionFile.fileName(id));
            if (!Files.exists(target)) {
                Message message = backoff.call("fetching message " + id, () -> gmail.getMessage(id));
                if (message == null) {
                    log.info("message {} disappeared before it could be read; skipped", id);
                    continue;
                }
                EmailMessage email = EmailMessage.from(message);
                AtomicFiles.writeString(target, Frontmatter.render(actionFiles.render(email, context.clock().instant())));
                written++;
                log.info("new email {} from {}: {}", id, email.from(), email.subject());
            }
            processed.add(id);
            context.heartbeat();
        }
        return written;
    }
}
