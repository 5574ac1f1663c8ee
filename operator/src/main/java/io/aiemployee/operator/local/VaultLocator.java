package io.aiemployee.operator.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the vault when none is given: the repository's {@code AI_Employee_Vault}, looked for in the
 * working directory and its parents (so {@code aiemployee run} works from anywhere in a checkout),
 * or the working directory itself when it is a vault (it has a Dashboard.md and a Needs_Action folder).
 */
public final class VaultLocator {

    public static final String DEFAULT_VAULT_NAME = "AI_Employee_Vault";

    private VaultLocator() {
    }

    public static Optional<Path> find(Path workingDirectory) {
        Path dir = workingDirectory.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir.resolve("Dashboard.md")) && Files.isDirectory(dir.resolve("Needs_Action"))) {
            return Optional.of(dir);
        }
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path vault = candidate.resolve(DEFAULT_VAULT_NAME);
            if (Files.isDirectory(vault)) {
                return Optional.of(vault);
            }
        }
        return Optional.empty();
    }

    /** The given vault, or the one found from the working directory; a clear message when there is none. */
    public static Path resolve(Path given, Path workingDirectory) {
        if (given != null) {
            return given.toAbsolutePath().normalize();
        }
        return find(workingDirectory).orElseThrow(() -> new IllegalArgumentException(
                "No vault given and no " + DEFAULT_VAULT_NAME + " folder found in " + workingDirectory.toAbsolutePath()
                        + " or its parents. Pass the vault folder: aiemployee run PATH"));
    }
}
