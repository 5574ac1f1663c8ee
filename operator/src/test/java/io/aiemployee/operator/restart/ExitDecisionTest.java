package io.aiemployee.operator.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.restart.ExitDecision.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExitDecisionTest {

    private final RestartPolicy policy = RestartPolicy.DEFAULT;

    @Test
    void crashesBackOffTwoFourEightThenReset() {
        ExitDecision first = ExitDecision.afterExit(policy, 137, false, 0, Duration.ofSeconds(1));
        assertThat(first).isEqualTo(new ExitDecision(Action.RESTART, 1, Duration.ofSeconds(2)));
        ExitDecision second = ExitDecision.afterExit(policy, 1, false, 1, Duration.ofSeconds(1));
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(4));
        ExitDecision third = ExitDecision.afterExit(policy, 1, false, 2, Duration.ofSeconds(1));
        assertThat(third.delay()).isEqualTo(Duration.ofSeconds(8));
        ExitDecision afterLongRun = ExitDecision.afterExit(policy, 1, false, 5, Duration.ofMinutes(10));
        assertThat(afterLongRun).isEqualTo(new ExitDecision(Action.RESTART, 1, Duration.ofSeconds(2)));
    }

    @Test
    void configErrorIsNotRestartedAndAStopIsAStop() {
        assertThat(ExitDecision.afterExit(policy, 78, false, 0, Duration.ZERO).action()).isEqualTo(Action.CONFIG_ERROR);
        assertThat(ExitDecision.afterExit(policy, 1, true, 0, Duration.ZERO).action()).isEqualTo(Action.STOP);
        assertThat(ExitDecision.afterExit(policy, 0, false, 0, Duration.ZERO).action()).isEqualTo(Action.RESTART);
    }
}
