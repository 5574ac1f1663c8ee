package io.aiemployee.operator.restart;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a failed watcher is started again. One implementation serves the operator
 * and the local orchestrator: the delay before restart number {@code n} (1-based) is
 * {@code initialDelay * 2^(n-1)}, capped at {@code maxDelay}. With the defaults that is the old
 * orchestrator's schedule 2, 4, 8, 16, 32, 32, ... seconds. A watcher that has run healthy for
 * {@code resetAfter} has its count reset, as the kubelet does for CrashLoopBackOff.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, Duration resetAfter) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(32), Duration.ofSeconds(600));

    public RestartPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxDelay (" + maxDelay + ") must not be smaller than initialDelay (" + initialDelay + ")");
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("resetAfter must be positive, was " + resetAfter);
        }
    }

    public static RestartPolicy ofSeconds(long initialDelaySeconds, long maxDelaySeconds, long resetAfterSeconds) {
        return new RestartPolicy(Duration.ofSeconds(initialDelaySeconds), Duration.ofSeconds(maxDelaySeconds),
                Duration.ofSeconds(resetAfterSeconds));
    }

    /** The wait before restart number {@code restartNumber} (1 for the first restart). */
    public Duration delayBeforeRestart(int restartNumber) {
        if (restartNumber < 1) {
            throw new IllegalArgumentException("restartNumber starts at 1, was " + restartNumber);
        }
        Duration delay = initialDelay;
        for (int i = 1; i < restartNumber; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(maxDelay) >= 0) {
                return maxDelay;
            }
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Whether a watcher that has been running healthy for {@code healthyFor} gets its count reset. */
    public boolean shouldResetCount(Duration healthyFor) {
        return healthyFor.compareTo(resetAfter) >= 0;
    }
}
