package io.aiemployee.operator.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator's notion of time: the clock restart decisions read, and how many times faster than
 * real time it runs. Production uses the system clock at speed 1; tests run a clock that is, say,
 * 100 times faster, so the 94-second backoff schedule passes in under a second while the recorded
 * restart times still differ by exactly 2, 4, 8, 16, 32, 32 seconds.
 */
public record TimeScale(Clock clock, double speedup) {

    public static final TimeScale REAL = new TimeScale(Clock.systemUTC(), 1.0);

    public TimeScale {
        Objects.requireNonNull(clock, "clock");
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup must be positive, was " + speedup);
        }
    }

    /** How long to wait in real time until {@code clockDuration} has passed on the clock. */
    public Duration realDelay(Duration clockDuration) {
        if (clockDuration.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(clockDuration.toNanos() / speedup));
    }
}
