package io.aiemployee.operator.reconciler;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;

/**
 * How a failed reconciliation (an API error) is retried: after 2 s, 2 s, then 1.5 times longer each
 * time, at most every 60 s, and without giving up. JOSDK's default stops after 5 retries (about 18 s
 * of failing reconciliations) and then waits for the next change to the AIEmployee or its pods: a
 * restart that was due, and the health check, would wait for an unrelated event, so a watcher that
 * crashed while the API server refused the operator's writes could stay down. Each attempt is
 * visible as a {@code ReconcileError} event. The intervals are clock time, so tests with a faster
 * clock retry correspondingly sooner.
 */
public final class ReconcileRetry {

    static final Duration FIRST = Duration.ofSeconds(2);
    static final double MULTIPLIER = 1.5;
    static final Duration LONGEST = Duration.ofSeconds(60);

    private ReconcileRetry() {
    }

    public static GenericRetry of(TimeScale time) {
        return new GenericRetry()
                .setInitialInterval(Math.max(1, time.realDelay(FIRST).toMillis()))
                .setIntervalMultiplier(MULTIPLIER)
                .setMaxInterval(Math.max(1, time.realDelay(LONGEST).toMillis()))
                .withoutMaxAttempts();
    }
}
