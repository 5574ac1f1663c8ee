package io.aiemployee.watcher;

import java.time.Duration;

/**
 * The wait between two polls of a slow-polling watcher (Gmail every 120 s), taken in slices with a
 * heartbeat after each, so a long interval never looks like a hang to {@code /healthz} (whose stall
 * timeout defaults to 120 s too).
 */
public final class PollWait {

    public static final Duration SLICE = Duration.ofSeconds(15);

    private PollWait() {
    }

    /** Waits {@code interval}; returns true as soon as a stop is requested. */
    public static boolean awaitNextPoll(WatcherContext context, Duration interval) throws InterruptedException {
        Duration left = interval;
        while (!left.isZero() && !left.isNegative()) {
            Duration slice = left.compareTo(SLICE) < 0 ? left : SLICE;
            if (context.awaitStop(slice)) {
                return true;
            }
            context.heartbeat();
            left = left.minus(slice);
        }
        return context.stopRequested();
    }
}
