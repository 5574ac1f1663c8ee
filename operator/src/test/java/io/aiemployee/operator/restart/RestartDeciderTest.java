package io.aiemployee.operator.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.PodObservation;
import io.aiemployee.operator.observe.PodState;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.watcher.WatcherKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartDeciderTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String HASH = "abc";

    static RestartDecider at(Instant now) {
        return new RestartDecider(Clock.fixed(now, ZoneOffset.UTC));
    }

    static WatcherInput input(WatcherStatus previous, PodObservation... pods) {
        return new WatcherInput("alice", WatcherKind.GMAIL, true, false, 1, HASH, RestartPolicy.DEFAULT, previous, List.of(pods));
    }

    static PodObservation running(long serial, Instant startedAt) {
        return new PodObservation("alice-gmail-" + serial, WatcherKind.GMAIL, serial, 1, HASH, PodState.RUNNING,
                null, null, startedAt, null, false);
    }

    static PodObservation exited(long serial, int code, Instant startedAt, Instant finishedAt) {
        return new PodObservation("alice-gmail-" + serial, WatcherKind.GMAIL, serial, 1, HASH, PodState.EXITED,
                code, "boom", startedAt, finishedAt, false);
    }

    static WatcherStatus status(WatcherPhase phase, String pod, int restarts, String next) {
        return new WatcherStatus("gmail", phase, pod, restarts, null, null, null, null, next);
    }

    @Test
    void firstReconciliationStartsPodNumberOne() {
        var decision = at(T0).decide(input(null));
        assertThat(decision.actions()).containsExactly(new PodAction.CreatePod(WatcherKind.GMAIL, 1, 0));
        assertThat(decision.status().phase()).isEqualTo(WatcherPhase.Pending);
        assertThat(decision.status().podName()).isEqualTo("alice-gmail-1");
    }

    @Test
    void crashSchedulesTheRestartFromTheFailureTimeWithTheDoublingDelay() {
        var previous = status(WatcherPhase.Running, "alice-gmail-3", 2, null);
        var decision = at(T0.plusSeconds(1)).decide(input(previous, exited(3, 1, T0.minusSeconds(5), T0)));
        assertThat(decision.actions()).isEmpty();
        assertThat(decision.status().phase()).isEqualTo(WatcherPhase.BackingOff);
        assertThat(decision.status().restarts()).isEqualTo(3);
        assertThat(decision.status().nextRestartTime()).isEqualTo(Timestamps.format(T0.plusSeconds(8)));
        assertThat(decision.wakeAt()).contains(T0.plusSeconds(8));
        assertThat(decision.events()).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.message()).isEqualTo("Gmail Inbox Watcher failed (exit code 1), restarting in 8s (restart #3)");
        });
    }

    @Test
    void dueRestartCreatesTheNextPodAndKeepsTheDeadOne() {
        var backingOff = status(WatcherPhase.BackingOff, "alice-gmail-3", 3, Timestamps.format(T0.plusSeconds(8)));
        var early = at(T0.plusSeconds(7)).decide(input(backingOff, exited(3, 1, T0.minusSeconds(5), T0)));
        assertThat(early.actions()).isEmpty();
        assertThat(early.status()).isEqualTo(backingOff);

        var due = at(T0.plusSeconds(8)).decide(input(backingOff, exited(3, 1, T0.minusSeconds(5), T0)));
        assertThat(due.actions()).containsExactly(new PodAction.CreatePod(WatcherKind.GMAIL, 4, 3));
        assertThat(due.status().phase()).isEqualTo(WatcherPhase.Pending);
        assertThat(due.status().restarts()).isEqualTo(3);
        assertThat(due.status().lastRestartTime()).isEqualTo(Timestamps.format(T0.plusSeconds(8)));
    }

    @Test
    void deadPodIsDeletedOnceTheReplacementRuns() {
        var pending = status(WatcherPhase.Pending, "alice-gmail-4", 3, null);
        var whilePending = at(T0).decide(input(pending, exited(3, 1, T0, T0), new PodObservation("alice-gmail-4",
                WatcherKind.GMAIL, 4, 1, HASH, PodState.PENDING, null, null, null, null, false)));
        assertThat(whilePending.actions()).isEmpty();

        var whileRunning = at(T0).decide(input(pending, exited(3, 1, T0, T0), running(4, T0)));
        assertThat(whileRunning.actions()).containsExactly(new PodAction.DeletePod("alice-gmail-3"));
        assertThat(whileRunning.status().phase()).isEqualTo(WatcherPhase.Running);
    }

    @Test
    void countResetsAfterRunningHealthyForResetAfter() {
        var previous = status(WatcherPhase.Running, "alice-gmail-5", 4, null);
        var before = at(T0.plusSeconds(599)).decide(input(previous, running(5, T0)));
        assertThat(before.status().restarts()).isEqualTo(4);
        assertThat(before.wakeAt()).contains(T0.plusSeconds(600));
        var after = at(T0.plusSeconds(600)).decide(input(previous, running(5, T0)));
        assertThat(after.status().restarts()).isZero();

        // a crash after a long healthy run starts the schedule again at 2 s
        var crash = at(T0.plusSeconds(700)).decide(input(previous, exited(5, 1, T0, T0.plusSeconds(700))));
        assertThat(crash.status().restarts()).isEqualTo(1);
        assertThat(crash.status().nextRestartTime()).isEqualTo(Timestamps.format(T0.plusSeconds(702)));
    }

    @Test
    void exitCode78IsAConfigErrorUntilTheGenerationChanges() {
        var previous = status(WatcherPhase.Running, "alice-gmail-1", 0, null);
        var pod = exited(1, 78, T0, T0);
        var decision = at(T0).decide(input(previous, pod));
        assertThat(decision.actions()).isEmpty();
        assertThat(decision.status().phase()).isEqualTo(WatcherPhase.ConfigError);
        assertThat(decision.status().lastFailureMessage()).isEqualTo("boom");
        assertThat(decision.wakeAt()).isEmpty();

        var again = at(T0.plusSeconds(3600)).decide(input(decision.status(), pod));
        assertThat(again.actions()).isEmpty();
        assertThat(again.events()).isEmpty();

        var changed = new WatcherInput("alice", WatcherKind.GMAIL, true, false, 2, HASH, RestartPolicy.DEFAULT,
                decision.status(), List.of(pod));
        assertThat(at(T0).decide(changed).actions()).containsExactly(new PodAction.CreatePod(WatcherKind.GMAIL, 2, 0));
    }

    @Test
    void vanishedPodCountsAsAFailure() {
        var previous = status(WatcherPhase.Running, "alice-gmail-2", 0, null);
        var decision = at(T0).decide(input(previous));
        assertThat(decision.status().phase()).isEqualTo(WatcherPhase.BackingOff);
        assertThat(decision.status().restarts()).isEqualTo(1);
        assertThat(decision.status().lastFailureMessage()).isEqualTo("pod alice-gmail-2 disappeared");
    }

    @Test
    void disabledWatcherLosesItsPods() {
        var in = new WatcherInput("alice", WatcherKind.GMAIL, false, false, 1, null, RestartPolicy.DEFAULT,
                status(WatcherPhase.Running, "alice-gmail-1", 1, null), List.of(running(1, T0)));
        var decision = at(T0).decide(in);
        assertThat(decision.actions()).containsExactly(new PodAction.DeletePod("alice-gmail-1"));
        assertThat(decision.status().phase()).isEqualTo(WatcherPhase.Disabled);
        assertThat(decision.status().podName()).isNull();
    }

    @Test
    void changedPodTemplateReplacesTheRunningPodWithoutCountingARestart() {
        var previous = status(WatcherPhase.Running, "alice-gmail-1", 0, null);
        var in = new WatcherInput("alice", WatcherKind.GMAIL, true, false, 2, "new-hash", RestartPolicy.DEFAULT,
                previous, List.of(running(1, T0)));
        var decision = at(T0).decide(in);
        assertThat(decision.actions()).containsExactly(new PodAction.DeletePod("alice-gmail-1"),
                new PodAction.CreatePod(WatcherKind.GMAIL, 2, 0));
        assertThat(decision.status().restarts()).isZero();
    }

    @Test
    void aRestartWhoseStatusWriteWasLostIsRecoveredFromTheReplacementPod() {
        // pod 1 crashed, pod 2 was created as restart #1, then the status write failed and pod 1 was
        // removed: the status still names pod 1 with no restart; pod 2 carries the count
        var stale = status(WatcherPhase.Running, "alice-gmail-1", 0, null);
        var replacement = new PodObservation("alice-gmail-2", io.aiemployee.operator.resources.Workload.of(WatcherKind.GMAIL),
                2, 1, HASH, PodState.RUNNING, null, null, T0, null, false, 1);
        var decision = at(T0.plusSeconds(1)).decide(input(stale, replacement));
        assertThat(decision.status().restarts()).isEqualTo(1);
        assertThat(decision.status().podName()).isEqualTo("alice-gmail-2");

        // once the status knows the pod, a reset after healthy running is not undone by the annotation
        var known = status(WatcherPhase.Running, "alice-gmail-2", 0, null);
        assertThat(at(T0.plusSeconds(2)).decide(input(known, replacement)).status().restarts()).isZero();
    }

    @Test
    void aCreatedPodCarriesTheRestartCount() {
        var backingOff = status(WatcherPhase.BackingOff, "alice-gmail-5", 5, Timestamps.format(T0));
        var due = at(T0).decide(input(backingOff, exited(5, 1, T0.minusSeconds(5), T0.minusSeconds(1))));
        assertThat(due.actions()).containsExactly(new PodAction.CreatePod(WatcherKind.GMAIL, 6, 5));
    }

    @Test
    void formatsDelays() {
        assertThat(RestartDecider.formatDelay(Duration.ofSeconds(4))).isEqualTo("4s");
        assertThat(RestartDecider.formatDelay(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(RestartDecider.formatDelay(Duration.ofSeconds(120))).isEqualTo("2m");
    }
}
