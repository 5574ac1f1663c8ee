package io.aiemployee.watcher.approval;

import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.Watcher;
import io.aiemployee.watcher.WatcherContext;
import io.aiemployee.watcher.WatcherKind;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watcher approval}: executes what is in Approved/, dry run by default. */
@Command(name = "approval", mixinStandardHelpOptions = true,
        description = "Executes the approval files a human moved to Approved/ (send_email, http_post); dry run by default.")
public final class ApprovalCommand implements Callable<Integer> {

    @Mixin
    WatcherOptions options;

    @Option(names = "--dry-run", arity = "1", defaultValue = "${env:DRY_RUN:-true}",
            description = "true: only log what would be done and mark files dry_run: true (env DRY_RUN, default true).")
    boolean dryRun;

    @Option(names = "--smtp-secret-dir", defaultValue = "${env:SMTP_SECRET_DIR:-/var/run/secrets/aiemployee/smtp}",
            description = "Folder with the SMTP secret's keys host, port, username, password, from, starttls; "
                    + "SMTP_* environment variables win (env SMTP_SECRET_DIR).")
    Path smtpSecretDir;

    @Option(names = "--poll-interval-ms", defaultValue = "${env:POLL_INTERVAL_MS:-500}",
            description = "How often Approved/ is checked, in milliseconds (env POLL_INTERVAL_MS, default 500).")
    long pollIntervalMillis;

    @Option(names = "--stable-ms", defaultValue = "${env:STABLE_MS:-500}",
            description = "An approval file is read once unchanged this long, in milliseconds (env STABLE_MS, default 500).")
    long stableMillis;

    @Override
    public Integer call() {
        // the handler is built inside the runner, so a bad SMTP configuration exits 78 with its reason
        return WatcherRunner.run(new Watcher() {
            @Override
            public WatcherKind kind() {
                return WatcherKind.APPROVAL;
            }

            @Override
            public void run(WatcherContext context) throws Exception {
                handler().run(context);
            }
        }, options);
    }

    private ApprovalHandler handler() throws ConfigurationException {
        SmtpSettings smtp = SmtpSettings.load(smtpSecretDir, System.getenv());
        ApprovalHandler.Settings settings = new ApprovalHandler.Settings(dryRun,
                Duration.ofMillis(Math.max(1, pollIntervalMillis)), Duration.ofMillis(Math.max(0, stableMillis)));
        return ApprovalHandler.withStandardActions(settings, smtp);
    }
}
