package io.aiemployee.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateScenarioTest {

    OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = new OperatorHarness(100).startOperator();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void createsOnePodPerWatcherAndReportsOnline() {
        harness.create(Employees.withAllWatchers("alice", 30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var status = harness.get("alice").getStatus();
            assertThat(status).isNotNull();
            assertThat(status.systemStatus()).isEqualTo(SystemStatus.Online);
            assertThat(status.readyWatchers()).isEqualTo("4/4");
            assertThat(status.message()).isEqualTo("System Online: All Watchers Active");
        });
        assertThat(harness.pods("alice")).hasSize(4);
    }
}
