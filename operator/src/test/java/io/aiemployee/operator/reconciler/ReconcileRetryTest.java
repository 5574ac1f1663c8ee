package io.aiemployee.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileRetryTest {

    @Test
    void waitsTwoSecondsTwiceThenOneAndAHalfTimesLongerUpToAMinuteAndNeverGivesUp() {
        var execution = ReconcileRetry.of(TimeScale.REAL).initExecution();
        List<Long> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<Long> next = execution.nextDelay();
            assertThat(next).as("attempt " + attempt + " is retried").isPresent();
            delays.add(next.get());
        }
        assertThat(delays.subList(0, 5)).containsExactly(2000L, 2000L, 3000L, 4500L, 6750L);
        assertThat(delays).allMatch(d -> d <= 60_000L).last().isEqualTo(60_000L);
        assertThat(execution.isLastAttempt()).isFalse();
    }

    @Test
    void followsTheClockSpeedOfTests() {
        var execution = ReconcileRetry.of(new TimeScale(Clock.systemUTC(), 25)).initExecution();
        assertThat(execution.nextDelay()).contains(80L);
        assertThat(execution.nextDelay()).contains(80L);
        assertThat(execution.nextDelay()).contains(120L);
    }
}
