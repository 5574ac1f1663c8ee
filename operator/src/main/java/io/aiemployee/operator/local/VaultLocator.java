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

    /** Set by the {@code ./aiemployee} launcher: the checkout's vault, used when none is found from the working directory. */
    public static final String DEFAULT_VAULT_ENV = "AIEMPLOYEE_DEFAULT_VAULT";

    /**
     * The given vault, or the one found from the working directory, or {@code fallback} (may be
     * null); a clear message when there is none.
     */
    public static Path resolve(Path given, Path workingDirectory, String fallback) {
        if (given != null) {
            return given.toAbsolutePath().normalize();
        }
        Optional<Path> found = find(workingDirectory);
        if (found.isEmpty() && fallback != null && !fallback.isBlank() && Files.isDirectory(Path.of(fallback))) {
            found = Optional.of(Path.of(fallback).toAbsolutePath().normalize());
        }
        return found.orElseThrow(() -> new IllegalArgumentException(
                "No vault given and no " + DEFAULT_VAULT_NAME + " folder found in " + workingDirectory.toAbsolutePath()
                        + " or its parents. Pass the vault folder: aiemployee run PATH"));
    }

    /** {@link #resolve(Path, Path, String)} from the working directory, with the launcher's fallback. */
    public static Path resolve(Path given) {
        return resolve(given, Path.of(""), System.getenv(DEFAULT_VAULT_ENV));
    }
}
