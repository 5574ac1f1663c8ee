package io.aiemployee.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liveness signal of one running watcher: when its loop last made progress. A watcher that is
 * alive but no longer looping (a hung call, a deadlock) stops beating and counts as stalled, which
 * {@code /healthz} reports as 503 and the heartbeat file shows by its age.
 */
final class Liveness {

    private static final Logger log = LoggerFactory.getLogger(Liveness.class);

    private final Duration stallTimeout;
    private final Path heartbeatFile;
    private final LongSupplier nanoTime;
    private final long touchEveryNanos;
    private final AtomicLong lastBeat = new AtomicLong();
    private final AtomicLong lastTouch = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean touchFailureLogged;

    Liveness(Duration stallTimeout, Path heartbeatFile, LongSupplier nanoTime) {
        this.stallTimeout = stallTimeout;
        this.heartbeatFile = heartbeatFile;
        this.nanoTime = nanoTime;
        // the file's age is what local mode reads, so touch it often enough to stay well inside the timeout
        this.touchEveryNanos = Math.min(Duration.ofSeconds(1).toNanos(), stallTimeout.toNanos() / 4);
        lastBeat.set(nanoTime.getAsLong());
    }

    void beat() {
        long now = nanoTime.getAsLong();
        lastBeat.set(now);
        long touched = lastTouch.get();
        if (heartbeatFile != null && (touched == Long.MIN_VALUE || now - touched >= touchEveryNanos)
                && lastTouch.compareAndSet(touched, now)) {
            touch();
        }
    }

    Duration sinceLastBeat() {
        return Duration.ofNanos(nanoTime.getAsLong() - lastBeat.get());
    }

    boolean stalled() {
        return sinceLastBeat().compareTo(stallTimeout) > 0;
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    private void touch() {
        try {
            try {
                Files.setLastModifiedTime(heartbeatFile, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (NoSuchFileException e) {
                Path parent = heartbeatFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(heartbeatFile, "");
            }
        } catch (IOException e) {
            if (!touchFailureLogged) {
                touchFailureLogged = true;
                log.warn("Cannot touch the heartbeat file {}: {}", heartbeatFile, e.toString());
            }
        }
    }
}
