package io.aiemployee.vault;

import java.util.List;
import java.util.Locale;

/**
 * Names of files that are not (yet) content: partial downloads, editor and Office temporaries,
 * hidden files, and our own {@link AtomicFiles#TEMP_PREFIX} files. Watchers never pick them up.
 */
public final class TransientFiles {

    private static final List<String> PARTIAL_SUFFIXES = List.of(".part", ".partial", ".crdownload", ".download", ".tmp", ".swp");

    private TransientFiles() {
    }

    public static boolean isTransient(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".")                 // dotfiles, including our own .aie-tmp- files
                || name.startsWith("~$")            // Office lock files
                || name.endsWith("~")               // editor backups
                || PARTIAL_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
