package io.aiemployee.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keys (Gmail message ids, WhatsApp chat events) a watcher already turned into action files, so
 * a restart does not write them again: one per line in a state file (written atomically), least
 * recently seen first. Bounded: beyond {@code limit} keys the least recently seen are forgotten. A
 * watcher touches the keys its source still shows on every poll, so while an item stays visible it
 * is never forgotten (as long as the limit exceeds what one poll can show).
 */
public final class ProcessedKeys {

    private final Path file;
    private final int limit;
    private final String description;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    private ProcessedKeys(Path file, int limit, String description) {
        this.file = file;
        this.limit = limit;
        this.description = description;
    }

    /** Loads {@code file} (missing means empty); {@code description} heads the file for a curious reader. */
    public static ProcessedKeys load(Path file, int limit, String description) throws IOException {
        ProcessedKeys processed = new ProcessedKeys(file, limit, description);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    processed.keys.add(key);
                }
            }
            processed.trim();
        }
        return processed;
    }

    public boolean contains(String key) {
        return keys.contains(key);
    }

    public int size() {
        return keys.size();
    }

    /** Marks known keys as seen now (moving them to the recent end); saves when the order changed. */
    public void touch(Collection<String> seen) throws IOException {
        List<String> before = List.copyOf(keys);
        for (String key : seen) {
            if (keys.remove(key)) {
                keys.add(key);
            }
        }
        if (!before.equals(List.copyOf(keys))) {
            save();
        }
    }

    /** Records a processed key and saves the file atomically. Keys are single lines. */
    public void add(String key) throws IOException {
        if (key.isBlank() || key.contains("\n") || key.contains("\r") || key.strip().startsWith("#")) {
            throw new IllegalArgumentException("a key is one line of text not starting with '#': " + key);
        }
        keys.remove(key);
        keys.add(key);
        trim();
        save();
    }

    private void trim() {
        Iterator<String> oldest = keys.iterator();
        while (keys.size() > limit && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private void save() throws IOException {
        StringBuilder out = new StringBuilder("# ").append(description).append(", least recently seen first\n");
        keys.forEach(key -> out.append(key).append('\n'));
        AtomicFiles.writeString(file, out.toString());
    }
}
