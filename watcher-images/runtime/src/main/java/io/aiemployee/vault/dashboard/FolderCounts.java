package io.aiemployee.vault.dashboard;

/** How many files wait in the folders a person watches. */
public record FolderCounts(int inbox, int needsAction, int pendingApproval, int approved, int done) {

    public static final FolderCounts EMPTY = new FolderCounts(0, 0, 0, 0, 0);
}
