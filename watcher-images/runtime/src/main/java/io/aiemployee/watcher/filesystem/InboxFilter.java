package io.aiemployee.watcher.filesystem;

import io.aiemployee.vault.AtomicFiles;
import java.util.List;
import java.util.Locale;

/** Which Inbox names are not (yet) files to handle: partial downloads, editor temporaries, hidden files. */
final class InboxFilter {

    private static final List<String> PARTIAL_SUFFIXES = List.of(".part", ".partial", ".crdownload", ".download", ".tmp", ".swp");

    private InboxFilter() {
    }

    /** True for names the watcher never picks up. */
    static boolean ignored(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".")                 // dotfiles, including our own .aie-tmp- files
                || name.startsWith(AtomicFiles.TEMP_PREFIX)
                || name.startsWith("~$")            // Office lock files
                || name.endsWith("~")               // editor backups
                || PARTIAL_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
