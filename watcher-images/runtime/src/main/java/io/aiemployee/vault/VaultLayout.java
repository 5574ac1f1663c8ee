package io.aiemployee.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where things live in a vault. The only place that knows folder and file names; everything else
 * asks it. Creating the layout adds missing folders and never removes or rewrites anything.
 */
public record VaultLayout(Path root) {

    public static final String DASHBOARD_FILE = "Dashboard.md";
    /** Hidden folder for the programs' own state (processed ids, locks); not user content. */
    public static final String STATE_DIR = ".aiemployee";

    public VaultLayout {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public static VaultLayout at(Path root) {
        return new VaultLayout(root);
    }

    public Path folder(VaultFolder folder) {
        return root.resolve(folder.dirName());
    }

    public Path inbox() { return folder(VaultFolder.INBOX); }
    public Path needsAction() { return folder(VaultFolder.NEEDS_ACTION); }
    public Path plans() { return folder(VaultFolder.PLANS); }
    public Path pendingApproval() { return folder(VaultFolder.PENDING_APPROVAL); }
    public Path approved() { return folder(VaultFolder.APPROVED); }
    public Path inProgress() { return folder(VaultFolder.IN_PROGRESS); }
    public Path rejected() { return folder(VaultFolder.REJECTED); }
    public Path done() { return folder(VaultFolder.DONE); }
    public Path failed() { return folder(VaultFolder.FAILED); }
    public Path logs() { return folder(VaultFolder.LOGS); }

    /** Originals of files dropped in the Inbox, kept once they were handled: {@code Done/Inbox/}. */
    public Path inboxOriginals() {
        return done().resolve(VaultFolder.INBOX.dirName());
    }

    /** Rejected files after they were logged: {@code Rejected/Archive/}. */
    public Path rejectedArchive() {
        return rejected().resolve("Archive");
    }

    /** The folder an approval handler claims files into: {@code In_Progress/<handler id>/}. */
    public Path claimedBy(String handlerId) {
        return inProgress().resolve(SafeFileNames.sanitize(handlerId));
    }

    public Path dashboard() {
        return root.resolve(DASHBOARD_FILE);
    }

    /** A program's private state directory inside the vault, e.g. {@code .aiemployee/gmail}. */
    public Path stateDir(String owner) {
        return root.resolve(STATE_DIR).resolve(SafeFileNames.sanitize(owner));
    }

    /** Creates the vault root and every missing folder. Existing files and folders are left untouched. */
    public VaultLayout ensureFolders() {
        try {
            Files.createDirectories(root);
            for (VaultFolder folder : VaultFolder.values()) {
                Files.createDirectories(folder(folder));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the vault folders under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code candidate}, after resolving links, lies inside this vault. */
    public boolean contains(Path candidate) {
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
