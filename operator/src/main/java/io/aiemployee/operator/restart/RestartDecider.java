package io.aiemployee.operator.restart;

import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.PodObservation;
import io.aiemployee.operator.observe.PodState;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.PodNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for one watcher, what happens next: start, keep, replace or restart its pod, and with
 * which status. Pure apart from reading the injected clock; the backoff comes from
 * {@link RestartPolicy}, and everything a later decision needs (restart count, next restart time)
 * is carried in the returned status, so a restarted operator continues where it stopped.
 */
public final class RestartDecider {

    /** EX_CONFIG: missing or invalid credentials, login needed. Not a crash; not restarted. */
    public static final int EXIT_CONFIG_ERROR = 78;

    private final Clock clock;

    public RestartDecider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WatcherDecision decide(WatcherInput in) {
        return new Decision(in, clock.instant()).decide();
    }

    /** One decision's working state. */
    private static final class Decision {
        private final WatcherInput in;
        private final Instant now;
        private final WatcherStatus prev;
        private final List<PodAction> actions = new ArrayList<>();
        private final List<WatcherEvent> events = new ArrayList<>();
        private final String display;

        Decision(WatcherInput in, Instant now) {
            this.in = in;
            this.now = now;
            WatcherStatus recorded = in.previous() != null ? in.previous()
                    : new WatcherStatus(in.workload().id(), WatcherPhase.Pending, null, 0, null, null, null, null, null);
            this.prev = countFromNewerPod(countUnrecordedFailure(recorded, in), in);
            this.display = in.workload().displayName();
        }

        WatcherDecision decide() {
            if (!in.enabled() || in.suspended()) {
                return stop();
            }
            List<PodObservation> pods = in.pods();
            if (pods.isEmpty()) {
                return noPod();
            }
            PodObservation latest = pods.get(pods.size() - 1);
            List<PodObservation> older = pods.subList(0, pods.size() - 1);
            return switch (latest.state()) {
                case RUNNING -> running(latest, older);
                case PENDING -> pending(latest, older);
                case EXITED -> exited(latest, older);
            };
        }

        private WatcherDecision stop() {
            in.pods().stream().filter(p -> !p.terminating()).forEach(p -> actions.add(new PodAction.DeletePod(p.name())));
            WatcherPhase phase = in.suspended() ? WatcherPhase.Suspended : WatcherPhase.Disabled;
            if (!in.pods().isEmpty() && prev.phase() != phase) {
                events.add(WatcherEvent.normal("WatcherStopped",
                        display + " stopped (" + (in.suspended() ? "suspended" : "disabled") + ")"));
            }
            return done(withPhase(phase, null, null), null);
        }

        private WatcherDecision noPod() {
            if (prev.phase() == WatcherPhase.BackingOff && prev.nextRestartTime() != null) {
                // the failed pod was removed while we wait: keep the schedule
                return restartWhenDue(prev, Timestamps.parse(prev.nextRestartTime()));
            }
            if ((prev.phase() == WatcherPhase.Running || prev.phase() == WatcherPhase.Pending) && prev.podName() != null) {
                return failed(null, prev.podName(), "pod " + prev.podName() + " disappeared", now, null);
            }
            String reason = prev.phase() == WatcherPhase.ConfigError ? "retrying after its pod was deleted" : "starting";
            return startNew(prev, reason);
        }

        private WatcherDecision running(PodObservation latest, List<PodObservation> older) {
            if (isOutdated(latest)) {
                return replaceOutdated(latest, older);
            }
            older.stream().filter(p -> !p.terminating()).forEach(p -> actions.add(new PodAction.DeletePod(p.name())));
            int restarts = prev.restartCount();
            Instant wakeAt = null;
            if (restarts > 0 && latest.startedAt() != null) {
                Instant resetAt = latest.startedAt().plus(in.policy().resetAfter());
                if (!now.isBefore(resetAt)) {
                    restarts = 0;
                } else {
                    wakeAt = resetAt;
                }
            }
            if (prev.phase() != WatcherPhase.Running && prev.phase() != WatcherPhase.Pending) {
                // a pod we did not know about yet, e.g. after the operator lost its status
                events.add(WatcherEvent.normal("WatcherRunning", display + " is running in pod " + latest.name()));
            }
            var status = new WatcherStatus(prev.name(), WatcherPhase.Running, latest.name(), restarts,
                    prev.lastExitCode(), prev.lastFailureMessage(), prev.lastFailureTime(), prev.lastRestartTime(), null);
            return done(status, wakeAt);
        }

        private WatcherDecision pending(PodObservation latest, List<PodObservation> older) {
            if (isOutdated(latest)) {
                return replaceOutdated(latest, older);
            }
            // keep the newest dead pod for `kubectl logs` until its replacement runs
            for (int i = 0; i < older.size() - 1; i++) {
                if (!older.get(i).terminating()) {
                    actions.add(new PodAction.DeletePod(older.get(i).name()));
                }
            }
            var status = new WatcherStatus(prev.name(), WatcherPhase.Pending, latest.name(), prev.restartCount(),
                    prev.lastExitCode(), prev.lastFailureMessage(), prev.lastFailureTime(), prev.lastRestartTime(), null);
            return done(status, null);
        }

        private WatcherDecision exited(PodObservation latest, List<PodObservation> older) {
            older.stream().filter(p -> !p.terminating()).forEach(p -> actions.add(new PodAction.DeletePod(p.name())));
            if (Integer.valueOf(EXIT_CONFIG_ERROR).equals(latest.exitCode())) {
                return configError(latest);
            }
            boolean alreadyRecorded = prev.phase() == WatcherPhase.BackingOff && latest.name().equals(prev.podName())
                    && prev.nextRestartTime() != null;
            if (alreadyRecorded) {
                return restartWhenDue(prev, Timestamps.parse(prev.nextRestartTime()));
            }
            Duration ranFor = latest.startedAt() != null && latest.finishedAt() != null
                    ? Duration.between(latest.startedAt(), latest.finishedAt()) : Duration.ZERO;
            Instant failedAt = latest.finishedAt() != null ? latest.finishedAt() : now;
            return failed(latest.exitCode(), latest.name(), latest.message(), failedAt, ranFor);
        }

        private WatcherDecision configError(PodObservation latest) {
            if (latest.specGeneration() < in.generation()) {
                return startNew(prev, "retrying after a spec change");
            }
            String message = latest.message() == null ? "configuration error" : latest.message();
            boolean isNew = prev.phase() != WatcherPhase.ConfigError || !latest.name().equals(prev.podName());
            if (isNew) {
                events.add(WatcherEvent.warning("ConfigError", display + " needs configuration (exit code 78): "
                        + message + "; not restarting until the spec changes or pod " + latest.name() + " is deleted"));
            }
            String failureTime = isNew ? Timestamps.format(latest.finishedAt() != null ? latest.finishedAt() : now)
                    : prev.lastFailureTime();
            var status = new WatcherStatus(prev.name(), WatcherPhase.ConfigError, latest.name(), prev.restartCount(),
                    EXIT_CONFIG_ERROR, message, failureTime, prev.lastRestartTime(), null);
            return done(status, null);
        }

        /** A new failure: count it, schedule the restart, and restart right away if that time has passed. */
        private WatcherDecision failed(Integer exitCode, String podName, String message,
                                       Instant failedAt, Duration ranFor) {
            int base = ranFor != null && in.policy().shouldResetCount(ranFor) ? 0 : prev.restartCount();
            int restartNumber = base + 1;
            Duration delay = in.policy().delayBeforeRestart(restartNumber);
            Instant due = failedAt.plus(delay);
            String cause = exitCode != null ? "exit code " + exitCode : message;
            events.add(WatcherEvent.warning("WatcherFailed", display + " failed (" + cause + "), restarting in "
                    + formatDelay(delay) + " (restart #" + restartNumber + ")"));
            var status = new WatcherStatus(prev.name(), WatcherPhase.BackingOff, podName, restartNumber, exitCode,
                    message, Timestamps.format(failedAt), prev.lastRestartTime(), Timestamps.format(due));
            return restartWhenDue(status, due);
        }

        private WatcherDecision restartWhenDue(WatcherStatus backingOff, Instant due) {
            if (due != null && now.isBefore(due)) {
                return done(backingOff, due);
            }
            long serial = nextSerial();
            String podName = podNameFor(serial);
            actions.add(new PodAction.CreatePod(in.workload(), serial, backingOff.restartCount()));
            events.add(WatcherEvent.normal("WatcherRestarted", "Restarted " + display + " as pod " + podName
                    + " (restart #" + backingOff.restartCount() + ")"));
            var status = new WatcherStatus(backingOff.name(), WatcherPhase.Pending, podName, backingOff.restartCount(),
                    backingOff.lastExitCode(), backingOff.lastFailureMessage(), backingOff.lastFailureTime(),
                    Timestamps.format(now), null);
            return done(status, null);
        }

        private WatcherDecision startNew(WatcherStatus base, String why) {
            long serial = nextSerial();
            String podName = podNameFor(serial);
            actions.add(new PodAction.CreatePod(in.workload(), serial, base.restartCount()));
            events.add(WatcherEvent.normal("WatcherStarting", display + " " + why + " in pod " + podName));
            var status = new WatcherStatus(base.name(), WatcherPhase.Pending, podName, base.restartCount(),
                    base.lastExitCode(), base.lastFailureMessage(), base.lastFailureTime(), base.lastRestartTime(), null);
            return done(status, null);
        }

        /** The spec changed what the pod should look like: replace it (not a restart). */
        private WatcherDecision replaceOutdated(PodObservation latest, List<PodObservation> older) {
            in.pods().stream().filter(p -> !p.terminating()).forEach(p -> actions.add(new PodAction.DeletePod(p.name())));
            return startNew(prev, "updating to the changed spec (replacing " + latest.name() + ")");
        }

        private boolean isOutdated(PodObservation pod) {
            return in.templateHash() != null && !in.templateHash().equals(pod.templateHash());
        }

        private long nextSerial() {
            long max = in.pods().stream().mapToLong(PodObservation::serial).max().orElse(0);
            if (prev.podName() != null) {
                max = Math.max(max, serialFromName(prev.podName()));
            }
            return max + 1;
        }

        private String podNameFor(long serial) {
            return PodNames.podName(in.ownerName(), in.workload(), serial);
        }

        private WatcherStatus withPhase(WatcherPhase phase, String podName, String nextRestart) {
            return new WatcherStatus(prev.name(), phase, podName, prev.restartCount(), prev.lastExitCode(),
                    prev.lastFailureMessage(), prev.lastFailureTime(), prev.lastRestartTime(), nextRestart);
        }

        private WatcherDecision done(WatcherStatus status, Instant wakeAt) {
            return new WatcherDecision(status, actions, events, Optional.ofNullable(wakeAt));
        }
    }

    /**
     * The status still calls a pod current that has since failed, and a newer pod exists: the failure was
     * acted on but its status write was lost (an API error, or the operator died in between). Count it
     * now, so a failed status write cannot lose a restart (and shorten the next backoff).
     */
    private static WatcherStatus countUnrecordedFailure(WatcherStatus prev, WatcherInput in) {
        List<PodObservation> pods = in.pods();
        if (prev.podName() == null || pods.isEmpty()
                || (prev.phase() != WatcherPhase.Running && prev.phase() != WatcherPhase.Pending)
                || pods.get(pods.size() - 1).name().equals(prev.podName())) {
            return prev;
        }
        for (PodObservation pod : pods) {
            if (pod.name().equals(prev.podName()) && pod.state() == PodState.EXITED && !pod.terminating()
                    && !Integer.valueOf(EXIT_CONFIG_ERROR).equals(pod.exitCode())) {
                boolean ranLongEnough = pod.startedAt() != null && pod.finishedAt() != null
                        && in.policy().shouldResetCount(Duration.between(pod.startedAt(), pod.finishedAt()));
                int restarts = (ranLongEnough ? 0 : prev.restartCount()) + 1;
                return new WatcherStatus(prev.name(), prev.phase(), prev.podName(), restarts, pod.exitCode(),
                        pod.message(), Timestamps.format(pod.finishedAt()), prev.lastRestartTime(), null);
            }
        }
        return prev;
    }

    /**
     * The newest pod is newer than the one the status names: the status write that went with its
     * creation was lost. The pod carries the restart count it was created with; never go below it.
     */
    private static WatcherStatus countFromNewerPod(WatcherStatus prev, WatcherInput in) {
        List<PodObservation> pods = in.pods();
        if (pods.isEmpty()) {
            return prev;
        }
        PodObservation latest = pods.get(pods.size() - 1);
        boolean statusKnowsIt = prev.podName() != null && serialFromName(prev.podName()) >= latest.serial();
        if (statusKnowsIt || latest.restartCount() <= prev.restartCount()) {
            return prev;
        }
        return new WatcherStatus(prev.name(), prev.phase(), prev.podName(), latest.restartCount(), prev.lastExitCode(),
                prev.lastFailureMessage(), prev.lastFailureTime(), prev.lastRestartTime(), prev.nextRestartTime());
    }

    static long serialFromName(String podName) {
        int dash = podName.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Long.parseLong(podName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "4s", "1m30s". */
    static String formatDelay(Duration delay) {
        long s = delay.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
}
