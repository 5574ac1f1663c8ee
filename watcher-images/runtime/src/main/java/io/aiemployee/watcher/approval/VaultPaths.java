package io.aiemployee.watcher.approval;

import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Paths named in approval parameters: relative to the vault, and never leaving it. */
final class VaultPaths {

    private VaultPaths() {
    }

    static Path insideVault(VaultLayout vault, String relative, String field) throws InvalidApprovalException {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            throw new InvalidApprovalException("parameter '" + field + "' holds an empty or invalid path");
        }
        Path given;
        try {
            given = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new InvalidApprovalException("parameter '" + field + "' holds an invalid path: " + relative);
        }
        if (given.isAbsolute()) {
            throw new InvalidApprovalException("parameter '" + field + "' must be a path inside the vault, not absolute: " + relative);
        }
        Path resolved = vault.root().resolve(given).normalize();
        if (!resolved.startsWith(vault.root()) || resolved.startsWith(vault.root().resolve(VaultLayout.STATE_DIR))) {
            throw new InvalidApprovalException("parameter '" + field + "' points outside the vault: " + relative);
        }
        if (!Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidApprovalException("parameter '" + field + "' names no regular file in the vault (links are not followed): "
                    + relative);
        }
        try {
            if (!resolved.toRealPath().startsWith(vault.root().toRealPath())) {
                throw new InvalidApprovalException("parameter '" + field + "' points outside the vault: " + relative);
            }
        } catch (IOException e) {
            throw new InvalidApprovalException("parameter '" + field + "' cannot be resolved: " + relative);
        }
        return resolved;
    }
}
