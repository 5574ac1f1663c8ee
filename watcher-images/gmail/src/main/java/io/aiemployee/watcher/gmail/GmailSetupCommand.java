package io.aiemployee.watcher.gmail;

import com.google.api.client.extensions.java6.auth.oauth2.AuthorizationCodeInstalledApp;
import io.aiemployee.watcher.ConfigurationException;
import io.aiemployee.watcher.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code watcher gmail setup}: the one-time consent in a browser that writes token.json. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Signs in to Google in your browser and writes token.json for the Gmail watcher.",
                "Needs an OAuth client of type Desktop app (its credentials.json) from the Google Cloud console."})
public final class GmailSetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--client-secrets", defaultValue = "${env:GMAIL_CLIENT_SECRETS:-credentials.json}",
            description = "The OAuth client file downloaded from the Google Cloud console (env GMAIL_CLIENT_SECRETS, "
                    + "default credentials.json).")
    Path clientSecrets;

    @Option(names = "--credentials-dir", defaultValue = "${env:GMAIL_CREDENTIALS_DIR:-.}",
            description = "Where token.json is written (env GMAIL_CREDENTIALS_DIR, default the current folder).")
    Path credentialsDir;

    @Option(names = "--port", defaultValue = "0",
            description = "Loopback port for Google's redirect (default 0: any free port).")
    int port;

    @Option(names = "--no-browser", description = "Only print the address to open instead of starting a browser.")
    boolean noBrowser;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuthorizationCodeInstalledApp.Browser browser = noBrowser
                ? url -> out.println("Open this address in a browser and allow access:\n  " + url)
                : AuthorizationCodeInstalledApp::browse;
        Path tokenFile = credentialsDir.resolve(GmailToken.FILE_NAME);
        try {
            new GmailSetup(browser, port).run(clientSecrets, tokenFile);
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return ExitCodes.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("Gmail setup failed: " + e.getMessage());
            return ExitCodes.CRASH;
        }
        out.println("Wrote " + tokenFile.toAbsolutePath() + ". For Kubernetes:");
        out.println("  kubectl create secret generic gmail-token --from-file=token.json=" + tokenFile.toAbsolutePath());
        out.flush();
        return ExitCodes.OK;
    }
}
