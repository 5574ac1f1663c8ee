package io.aiemployee.watcher.approval;

/** An approval that cannot be executed as written; the message is the reason recorded on the file. */
public class InvalidApprovalException extends Exception {
    public InvalidApprovalException(String reason) {
        super(reason);
    }
}
