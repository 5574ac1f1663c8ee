package io.aiemployee.operator.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.restart.RestartDecision.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartDecisionTest {

    private final RestartPolicy policy = RestartPolicy.DEFAULT;

    @Test
    void crashesBackOffTwoFourEightThenReset() {
        RestartDecision first = RestartDecision.afterExit(policy, 137, false, 0, Duration.ofSeconds(1));
        assertThat(first).isEqualTo(new RestartDecision(Action.RESTART, 1, Duration.ofSeconds(2)));
        RestartDecision second = RestartDecision.afterExit(policy, 1, false, 1, Duration.ofSeconds(1));
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(4));
        RestartDecision third = RestartDecision.afterExit(policy, 1, false, 2, Duration.ofSeconds(1));
        assertThat(third.delay()).isEqualTo(Duration.ofSeconds(8));
        RestartDecision afterLongRun = RestartDecision.afterExit(policy, 1, false, 5, Duration.ofMinutes(10));
        assertThat(afterLongRun).isEqualTo(new RestartDecision(Action.RESTART, 1, Duration.ofSeconds(2)));
    }

    @Test
    void configErrorIsNotRestartedAndAStopIsAStop() {
        assertThat(RestartDecision.afterExit(policy, 78, false, 0, Duration.ZERO).action()).isEqualTo(Action.CONFIG_ERROR);
        assertThat(RestartDecision.afterExit(policy, 1, true, 0, Duration.ZERO).action()).isEqualTo(Action.STOP);
        assertThat(RestartDecision.afterExit(policy, 0, false, 0, Duration.ZERO).action()).isEqualTo(Action.RESTART);
    }
}
