package io.aiemployee.operator.restart;

import io.aiemployee.watcher.ExitCodes;
import java.time.Duration;

/**
 * What local mode does after a watcher process ended (pure; the operator's pod-based counterpart is
 * {@link RestartDecider}): stop (a stop was asked for), leave it alone
 * (exit 78, a configuration error that a restart cannot fix), or restart it after the policy's
 * backoff. {@code failureStreak} counts consecutive failures and picks the delay; a watcher that ran
 * healthy for the policy's {@code resetAfter} starts a new streak.
 */
public record ExitDecision(Action action, int failureStreak, Duration delay) {

    public enum Action { RESTART, CONFIG_ERROR, STOP }

    /**
     * @param exitCode      the process exit code
     * @param stopRequested whether we asked it to stop (shutdown)
     * @param failureStreak consecutive failures before this one (0 for a first failure)
     * @param ranFor        how long this run lasted
     */
    public static ExitDecision afterExit(RestartPolicy policy, int exitCode, boolean stopRequested,
                                            int failureStreak, Duration ranFor) {
        if (stopRequested) {
            return new ExitDecision(Action.STOP, failureStreak, Duration.ZERO);
        }
        if (exitCode == ExitCodes.CONFIG_ERROR) {
            return new ExitDecision(Action.CONFIG_ERROR, failureStreak, Duration.ZERO);
        }
        int streak = policy.shouldResetCount(ranFor) ? 1 : failureStreak + 1;
        return new ExitDecision(Action.RESTART, streak, policy.delayBeforeRestart(streak));
    }
}
