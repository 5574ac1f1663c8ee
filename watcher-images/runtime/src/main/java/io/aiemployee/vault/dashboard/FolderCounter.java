package io.aiemployee.vault.dashboard;

import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Counts the files waiting in the vault's folders (regular files, not hidden or temporary ones). */
public final class FolderCounter {

    private FolderCounter() {
    }

    public static FolderCounts count(VaultLayout vault) throws IOException {
        return new FolderCounts(count(vault.inbox()), count(vault.needsAction()), count(vault.pendingApproval()),
                count(vault.approved()), count(vault.done()));
    }

    private static int count(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
                    n++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return n;
    }
}
