package io.aiemployee.vault;

/** The folders of a vault, in the order an item moves through them. Names are the on-disk names. */
public enum VaultFolder {
    INBOX("Inbox"),
    NEEDS_ACTION("Needs_Action"),
    PLANS("Plans"),
    PENDING_APPROVAL("Pending_Approval"),
    APPROVED("Approved"),
    IN_PROGRESS("In_Progress"),
    REJECTED("Rejected"),
    DONE("Done"),
    FAILED("Failed"),
    LOGS("Logs");

    private final String dirName;

    VaultFolder(String dirName) {
        this.dirName = dirName;
    }

    public String dirName() {
        return dirName;
    }
}
