package io.aiemployee.operator.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void defaultScheduleIsTheOldOrchestratorsTwoToThirtyTwoSeconds() {
        var delays = IntStream.rangeClosed(1, 8)
                .mapToObj(n -> RestartPolicy.DEFAULT.delayBeforeRestart(n).toSeconds())
                .toList();
        assertThat(delays).containsExactly(2L, 4L, 8L, 16L, 32L, 32L, 32L, 32L);
    }

    @Test
    void sixRestartsTakeNinetyFourSecondsOfBackoff() {
        long total = IntStream.rangeClosed(1, 6)
                .mapToLong(n -> RestartPolicy.DEFAULT.delayBeforeRestart(n).toSeconds()).sum();
        assertThat(total).isEqualTo(94);
    }

    @Test
    void capIsReachedWithoutOverflowForHugeRestartNumbers() {
        assertThat(RestartPolicy.DEFAULT.delayBeforeRestart(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void customScheduleHonoursACapThatIsNotAPowerOfTwo() {
        var policy = RestartPolicy.ofSeconds(3, 10, 60);
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(n -> policy.delayBeforeRestart(n).toSeconds()))
                .containsExactly(3L, 6L, 10L, 10L);
    }

    @Test
    void countResetsOnlyAfterRunningHealthyLongEnough() {
        assertThat(RestartPolicy.DEFAULT.shouldResetCount(Duration.ofSeconds(599))).isFalse();
        assertThat(RestartPolicy.DEFAULT.shouldResetCount(Duration.ofSeconds(600))).isTrue();
    }

    @Test
    void rejectsInconsistentPolicies() {
        assertThatThrownBy(() -> RestartPolicy.ofSeconds(0, 32, 600)).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> RestartPolicy.ofSeconds(8, 4, 600)).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> RestartPolicy.DEFAULT.delayBeforeRestart(0)).hasMessageContaining("starts at 1");
    }
}
