package io.aiemployee.operator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs {@code speedup} times faster than real time and can be jumped forward (to
 * simulate time passing while the operator is stopped). Pair it with
 * {@code new TimeScale(clock, speedup)} so the reconciler's real waits shrink by the same factor.
 */
public final class ScaledClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final double speedup;
    private final AtomicLong jumpedNanos = new AtomicLong();

    public ScaledClock(double speedup) {
        this(Instant.parse("2026-01-01T00:00:00Z"), speedup);
    }

    public ScaledClock(Instant origin, double speedup) {
        this.origin = origin;
        this.originNanos = System.nanoTime();
        this.speedup = speedup;
    }

    public double speedup() {
        return speedup;
    }

    /** Moves the clock forward by {@code duration} (clock time) at once. */
    public void jump(Duration duration) {
        jumpedNanos.addAndGet(duration.toNanos());
    }

    /** How long {@code clockDuration} takes in real time. */
    public Duration real(Duration clockDuration) {
        return Duration.ofNanos((long) (clockDuration.toNanos() / speedup));
    }

    /** The {@link System#nanoTime()} at which this clock showed (or will show) {@code instant}. */
    public long nanoTimeOf(Instant instant) {
        long clockNanos = Duration.between(origin, instant).toNanos() - jumpedNanos.get();
        return originNanos + (long) (clockNanos / speedup);
    }

    @Override
    public Instant instant() {
        long elapsed = (long) ((System.nanoTime() - originNanos) * speedup) + jumpedNanos.get();
        return origin.plusNanos(elapsed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ScaledClock is UTC only");
    }
}
