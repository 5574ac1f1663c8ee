package io.aiemployee.watcher.gmail;

import java.io.IOException;

/** Gmail could not be reached, or kept failing, after the retries: the poll is skipped, the watcher goes on. */
public class GmailUnavailableException extends IOException {
    public GmailUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
