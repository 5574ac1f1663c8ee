package io.aiemployee.watcher.gmail;

import io.aiemployee.vault.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The message ids already turned into action files, one per line in a state file, most recently
 * seen last. Bounded: beyond {@code limit} ids the least recently seen are forgotten. Ids still
 * returned by the query are touched on every poll, so while a message keeps matching it is never
 * forgotten (as long as the limit exceeds the number of messages listed per poll).
 */
public final class ProcessedIds {

    private final Path file;
    private final int limit;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    private ProcessedIds(Path file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    public static ProcessedIds load(Path file, int limit) throws IOException {
        ProcessedIds processed = new ProcessedIds(file, limit);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    processed.ids.add(id);
                }
            }
            processed.trim();
        }
        return processed;
    }

    public boolean contains(String id) {
        return ids.contains(id);
    }

    public int size() {
        return ids.size();
    }

    /** Marks ids as seen now (moving them to the recent end) and saves when anything changed. */
    public void touch(Collection<String> seen) throws IOException {
        List<String> before = List.copyOf(ids);
        for (String id : seen) {
            if (ids.remove(id)) {
                ids.add(id);
            }
        }
        if (!before.equals(List.copyOf(ids))) {
            save();
        }
    }

    /** Records a processed id and saves the file atomically. */
    public void add(String id) throws IOException {
        ids.remove(id);
        ids.add(id);
        trim();
        save();
    }

    private void trim() {
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > limit && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private void save() throws IOException {
        StringBuilder out = new StringBuilder("# Gmail message ids already in the vault, least recently seen first\n");
        ids.forEach(id -> out.append(id).append('\n'));
        AtomicFiles.writeString(file, out.toString());
    }
}
