package io.aiemployee.operator.observability;

import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.RestartPolicySpec;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.KubeletSimulator;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.operator.testing.ScaledClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real operator against the mock API server, its metrics scraped over HTTP around a watcher crash. */
class RestartMetricsTest {

    private static final String NAMESPACE = OperatorHarness.NAMESPACE;
    private static final double SPEEDUP = 100;
    /** Long enough to look at the metrics while the watcher waits, however slow the machine; the test then jumps the clock. */
    private static final int BACKOFF_SECONDS = 3600;

    private ApiServer api;
    private ScaledClock clock;
    private KubeletSimulator kubelet;
    private RunningOperator operator;

    @BeforeEach
    void start() throws Exception {
        api = new ApiServer();
        clock = new ScaledClock(SPEEDUP);
        kubelet = new KubeletSimulator(api.client(), clock);
        operator = new RunningOperator(api, "operator", clock, Set.of(), null).start();
    }

    @AfterEach
    void stop() {
        operator.close();
        kubelet.close();
        api.close();
    }

    @Test
    void aCrashedWatcherIsCountedOnceAndItsBackoffIsVisibleWhileItWaits() throws Exception {
        api.client().resource(Employees.with("alice", Employees.spec(false, 30,
                new RestartPolicySpec(BACKOFF_SECONDS, BACKOFF_SECONDS, 600), null, Employees.allFourWatchers()))).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> systemStatus() == SystemStatus.Online);

        PrometheusScrape online = PrometheusScrape.of(operator.metricsPort());
        assertThat(online.value("aiemployees", Map.of("system_status", "Online"))).hasValue(1.0);
        assertThat(online.value("aiemployee_watchers", alice("phase", "Running"))).hasValue(4.0);
        double before = online.value("aiemployee_watcher_restarts_total", alice("watcher", "gmail")).orElse(0.0);
        assertThat(before).isZero();

        String crashed = gmail().podName();
        kubelet.terminate(NAMESPACE, crashed, 1, "crashed");

        await().atMost(Duration.ofSeconds(30)).until(() -> gmail().phase() == WatcherPhase.BackingOff);
        PrometheusScrape backingOff = PrometheusScrape.of(operator.metricsPort());
        assertThat(backingOff.value("aiemployee_watchers", alice("phase", "BackingOff"))).hasValue(1.0);
        assertThat(backingOff.value("aiemployee_watchers", alice("phase", "Running"))).hasValue(3.0);
        assertThat(backingOff.value("aiemployee_watcher_backoff_delay_seconds", alice("watcher", "gmail"))).hasValue((double) BACKOFF_SECONDS);
        assertThat(backingOff.value("aiemployee_watcher_restarts_total", alice("watcher", "gmail")).orElse(0.0)).isZero();

        clock.jump(Duration.ofSeconds(BACKOFF_SECONDS));
        await().atMost(Duration.ofSeconds(30)).until(() -> gmail().phase() == WatcherPhase.Running
                && !crashed.equals(gmail().podName()));
        PrometheusScrape restarted = PrometheusScrape.of(operator.metricsPort());
        assertThat(restarted.value("aiemployee_watcher_restarts_total", alice("watcher", "gmail"))).hasValue(before + 1);
        assertThat(restarted.value("aiemployee_watcher_restarts_total", alice("watcher", "filesystem"))).isEmpty();
        assertThat(restarted.value("aiemployee_watcher_backoff_delay_seconds", alice("watcher", "gmail"))).hasValue(0.0);
        assertThat(restarted.value("aiemployee_watchers", alice("phase", "Running"))).hasValue(4.0);
        assertThat(restarted.value("operator_sdk_reconciliations_success_total", Map.of("kind", "AIEmployee")))
                .hasValueSatisfying(value -> assertThat(value).isGreaterThan(1.0));

        // deleted: once its finalizer is gone, its series leave the scrape
        api.client().resources(AIEmployee.class).inNamespace(NAMESPACE).withName("alice").delete();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusScrape deleted = PrometheusScrape.of(operator.metricsPort());
            assertThat(deleted.value("aiemployee_watcher_restarts_total", Map.of("aiemployee", "alice"))).isEmpty();
            assertThat(deleted.value("aiemployee_watchers", Map.of("aiemployee", "alice"))).isEmpty();
        });
    }

    private static Map<String, String> alice(String key, String value) {
        return Map.of("namespace", NAMESPACE, "aiemployee", "alice", key, value);
    }

    private AIEmployeeStatus status() {
        AIEmployee alice = api.client().resources(AIEmployee.class).inNamespace(NAMESPACE).withName("alice").get();
        return alice == null ? null : alice.getStatus();
    }

    private SystemStatus systemStatus() {
        AIEmployeeStatus status = status();
        return status == null ? null : status.systemStatus();
    }

    private WatcherStatus gmail() {
        return status().watcher("gmail").orElseThrow();
    }
}
