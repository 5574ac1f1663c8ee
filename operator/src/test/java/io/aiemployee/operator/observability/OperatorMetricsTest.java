package io.aiemployee.operator.observability;

import io.aiemployee.operator.observability.OperatorMetrics.WatcherState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's metrics as Prometheus scrapes them over HTTP. */
class OperatorMetricsTest {

    private Observability observability;
    private OperatorMetrics metrics;
    private int port;

    @BeforeEach
    void start() throws Exception {
        observability = Observability.create();
        metrics = observability.operatorMetrics();
        port = observability.serve(0, () -> true).port();
    }

    @AfterEach
    void stop() {
        observability.close();
    }

    @Test
    void restartsAreCountedPerWatcher() throws Exception {
        metrics.watcherRestarted("team-a", "alice", "gmail");
        metrics.watcherRestarted("team-a", "alice", "gmail");
        metrics.watcherRestarted("team-a", "alice", "whatsapp");
        metrics.watcherRestarted("team-b", "alice", "gmail");

        PrometheusScrape scrape = PrometheusScrape.of(port);

        assertThat(scrape.value("aiemployee_watcher_restarts_total",
                Map.of("namespace", "team-a", "aiemployee", "alice", "watcher", "gmail"))).hasValue(2.0);
        assertThat(scrape.value("aiemployee_watcher_restarts_total",
                Map.of("namespace", "team-a", "aiemployee", "alice", "watcher", "whatsapp"))).hasValue(1.0);
        assertThat(scrape.value("aiemployee_watcher_restarts_total",
                Map.of("namespace", "team-b", "aiemployee", "alice", "watcher", "gmail"))).hasValue(1.0);
    }

    @Test
    void watchersByPhaseAndBackoffFollowTheLastRecordedState() throws Exception {
        metrics.recordState("team-a", "alice", "Degraded", List.of(
                new WatcherState("filesystem", "Running", null),
                new WatcherState("approval", "Running", null),
                new WatcherState("gmail", "BackingOff", Duration.ofSeconds(8)),
                new WatcherState("whatsapp", "ConfigError", null)));

        PrometheusScrape first = PrometheusScrape.of(port);
        assertThat(first.value("aiemployee_watchers", Map.of("aiemployee", "alice", "phase", "Running"))).hasValue(2.0);
        assertThat(first.value("aiemployee_watchers", Map.of("aiemployee", "alice", "phase", "BackingOff"))).hasValue(1.0);
        assertThat(first.value("aiemployee_watchers", Map.of("aiemployee", "alice", "phase", "ConfigError"))).hasValue(1.0);
        assertThat(first.value("aiemployee_watcher_backoff_delay_seconds",
                Map.of("namespace", "team-a", "aiemployee", "alice", "watcher", "gmail"))).hasValue(8.0);
        assertThat(first.value("aiemployee_watcher_backoff_delay_seconds",
                Map.of("aiemployee", "alice", "watcher", "filesystem"))).hasValue(0.0);

        metrics.recordState("team-a", "alice", "Degraded", List.of(
                new WatcherState("filesystem", "Running", null),
                new WatcherState("approval", "Running", null),
                new WatcherState("gmail", "Running", null),
                new WatcherState("whatsapp", "ConfigError", null)));

        PrometheusScrape second = PrometheusScrape.of(port);
        assertThat(second.value("aiemployee_watchers", Map.of("aiemployee", "alice", "phase", "Running"))).hasValue(3.0);
        assertThat(second.value("aiemployee_watchers", Map.of("aiemployee", "alice", "phase", "BackingOff"))).hasValue(0.0);
        assertThat(second.value("aiemployee_watcher_backoff_delay_seconds",
                Map.of("aiemployee", "alice", "watcher", "gmail"))).hasValue(0.0);
    }

    @Test
    void aiemployeesAreCountedBySystemStatus() throws Exception {
        metrics.recordState("team-a", "alice", "Online", List.of(new WatcherState("filesystem", "Running", null)));
        metrics.recordState("team-a", "bob", "Online", List.of(new WatcherState("filesystem", "Running", null)));
        metrics.recordState("team-b", "carol", "Degraded", List.of(new WatcherState("filesystem", "BackingOff", Duration.ofSeconds(2))));

        PrometheusScrape before = PrometheusScrape.of(port);
        assertThat(before.value("aiemployees", Map.of("system_status", "Online"))).hasValue(2.0);
        assertThat(before.value("aiemployees", Map.of("system_status", "Degraded"))).hasValue(1.0);

        metrics.recordState("team-b", "carol", "Online", List.of(new WatcherState("filesystem", "Running", null)));
        metrics.forget("team-a", "bob");

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(after.value("aiemployees", Map.of("system_status", "Online"))).hasValue(2.0);
        assertThat(after.value("aiemployees", Map.of("system_status", "Degraded"))).hasValue(0.0);
    }

    @Test
    void aDeletedAIEmployeesSeriesDisappear() throws Exception {
        metrics.watcherRestarted("team-a", "alice", "gmail");
        metrics.recordState("team-a", "alice", "Online", List.of(new WatcherState("gmail", "Running", null)));
        metrics.recordState("team-a", "bob", "Online", List.of(new WatcherState("gmail", "Running", null)));

        metrics.forget("team-a", "alice");

        PrometheusScrape scrape = PrometheusScrape.of(port);
        assertThat(scrape.value("aiemployee_watcher_restarts_total", Map.of("aiemployee", "alice"))).isEmpty();
        assertThat(scrape.value("aiemployee_watchers", Map.of("aiemployee", "alice"))).isEmpty();
        assertThat(scrape.value("aiemployee_watcher_backoff_delay_seconds", Map.of("aiemployee", "alice"))).isEmpty();
        assertThat(scrape.value("aiemployee_watchers", Map.of("aiemployee", "bob", "phase", "Running"))).hasValue(1.0);
        assertThat(scrape.value("aiemployees", Map.of("system_status", "Online"))).hasValue(1.0);
    }

    @Test
    void jvmMetricsShareTheRegistry() throws Exception {
        PrometheusScrape scrape = PrometheusScrape.of(port);

        assertThat(scrape.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPresent();
        assertThat(scrape.value("process_uptime_seconds", Map.of())).isPresent();
    }
}
