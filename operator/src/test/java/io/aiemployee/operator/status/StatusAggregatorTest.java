package io.aiemployee.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static WatcherStatus w(String name, WatcherPhase phase, int restarts) {
        return new WatcherStatus(name, phase, name + "-pod", restarts, null, null, null, null, null);
    }

    @Test
    void allRunningIsOnline() {
        var status = StatusAggregator.aggregate(3, false, 2,
                List.of(w("filesystem", WatcherPhase.Running, 1), w("gmail", WatcherPhase.Running, 2)), null, T0);
        assertThat(status.systemStatus()).isEqualTo(SystemStatus.Online);
        assertThat(status.message()).isEqualTo("System Online: All Watchers Active");
        assertThat(status.readyWatchers()).isEqualTo("2/2");
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.observedGeneration()).isEqualTo(3);
        assertThat(status.condition("Ready")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(3);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        });
    }

    @Test
    void aFailingWatcherDegradesAndNamesIt() {
        var status = StatusAggregator.aggregate(1, false, 2,
                List.of(w("filesystem", WatcherPhase.Running, 0), w("gmail", WatcherPhase.BackingOff, 2)), null, T0);
        assertThat(status.systemStatus()).isEqualTo(SystemStatus.Degraded);
        assertThat(status.message()).isEqualTo("System Degraded: 1/2 Watchers Active (Gmail Inbox Watcher restarting (restart #2))");
        assertThat(status.condition("Degraded")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("WatcherBackingOff");
        });
        var config = StatusAggregator.aggregate(1, false, 1, List.of(w("gmail", WatcherPhase.ConfigError, 0)), null, T0);
        assertThat(config.condition("Degraded").orElseThrow().getReason()).isEqualTo("WatcherConfigError");
    }

    @Test
    void startingSuspendedAndEmpty() {
        assertThat(StatusAggregator.aggregate(1, false, 2, List.of(w("filesystem", WatcherPhase.Running, 0),
                w("gmail", WatcherPhase.Pending, 0)), null, T0).message()).isEqualTo("System Starting: 1/2 Watchers Active");
        var suspended = StatusAggregator.aggregate(1, true, 2, List.of(), null, T0);
        assertThat(suspended.systemStatus()).isEqualTo(SystemStatus.Offline);
        assertThat(suspended.message()).isEqualTo("System Offline: Suspended");
        assertThat(StatusAggregator.aggregate(1, false, 0, List.of(), null, T0).message())
                .isEqualTo("System Offline: No Watchers Enabled");
    }

    @Test
    void transitionTimeMovesOnlyWhenTheConditionFlips() {
        var online = StatusAggregator.aggregate(1, false, 1, List.of(w("gmail", WatcherPhase.Running, 0)), null, T0);
        var later = StatusAggregator.aggregate(1, false, 1, List.of(w("gmail", WatcherPhase.Running, 0)), online,
                T0.plusSeconds(60));
        assertThat(later).isEqualTo(online);
        var failed = StatusAggregator.aggregate(1, false, 1, List.of(w("gmail", WatcherPhase.BackingOff, 1)), later,
                T0.plusSeconds(120));
        assertThat(failed.condition("Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T10:02:00Z");
    }

    @Test
    void invalidSpecKeepsWatchersAndNamesTheField() {
        var online = StatusAggregator.aggregate(1, false, 1, List.of(w("gmail", WatcherPhase.Running, 0)), null, T0);
        var invalid = StatusAggregator.invalidSpec(2, List.of("spec.restartPolicy.maxDelaySeconds: too small"), online, T0);
        assertThat(invalid.watchers()).isEqualTo(online.watchers());
        assertThat(invalid.condition("Ready")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).contains("spec.restartPolicy.maxDelaySeconds");
        });
    }
}
