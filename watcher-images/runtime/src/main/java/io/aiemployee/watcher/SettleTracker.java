package io.aiemployee.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells when files someone is still writing are complete: a file is settled once its size and
 * modification time have not changed for {@code stableFor}. Not thread-safe; one loop owns it.
 */
public final class SettleTracker {

    /** Size and modification time of a file (of a link's target, when it has one). */
    public record FileState(long size, long modifiedMillis) {
        /** The state of {@code file}, or null when it is gone, a directory or something else than a file. */
        public static FileState of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isDirectory() || attributes.isOther()) {
                    return null;
                }
                if (attributes.isSymbolicLink()) {
                    try {
                        attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    } catch (IOException dangling) {
                        return new FileState(0, 0);
                    }
                }
                return new FileState(attributes.size(), attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A file that is complete, and the state it was judged in. */
    public record Settled(Path file, FileState state) {
    }

    private record Seen(FileState state, long sinceNanos) {
    }

    private final Duration stableFor;
    private final LongSupplier nanoTime;
    private final Map<Path, Seen> candidates = new LinkedHashMap<>();

    public SettleTracker(Duration stableFor) {
        this(stableFor, System::nanoTime);
    }

    SettleTracker(Duration stableFor, LongSupplier nanoTime) {
        this.stableFor = stableFor;
        this.nanoTime = nanoTime;
    }

    /** Starts watching {@code file} (no effect when it is already watched). */
    public void observe(Path file) {
        candidates.putIfAbsent(file, null);
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }

    /** The files that have settled since the last call; they are no longer watched. Vanished files are dropped. */
    public List<Settled> settled() {
        long now = nanoTime.getAsLong();
        List<Settled> settled = new ArrayList<>();
        Iterator<Map.Entry<Path, Seen>> it = candidates.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Path, Seen> entry = it.next();
            FileState current = FileState.of(entry.getKey());
            Seen seen = entry.getValue();
            if (current == null) {
                it.remove();
            } else if (seen == null || !seen.state().equals(current)) {
                entry.setValue(new Seen(current, now));
            } else if (now - seen.sinceNanos() >= stableFor.toNanos()) {
                it.remove();
                settled.add(new Settled(entry.getKey(), current));
            }
        }
        return settled;
    }
}
