package io.aiemployee.operator.observability;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.helm.Chart;
import io.aiemployee.operator.helm.Rbac;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.KubeletSimulator;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.operator.testing.ScaledClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two operator replicas against one mock API server, with leader election on a Lease in the
 * operator's namespace and the chart's RBAC: only the leader reconciles; when it stops, the standby
 * takes over within the lease time and carries on.
 */
class LeaderElectionTest {

    private static final String LEASE = "ai-aiemployee-operator-leader";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(3);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    private static final Duration RETRY_PERIOD = Duration.ofMillis(250);

    private ApiServer api;
    private ScaledClock clock;
    private KubeletSimulator kubelet;
    private RunningOperator first;
    private RunningOperator second;

    @BeforeEach
    void start() {
        api = new ApiServer();
        // JOSDK checks the Lease permissions before it campaigns: answer with what the chart grants
        Rbac rbac = new Rbac(Chart.render(Map.of()), "ai-aiemployee-operator", Chart.NAMESPACE);
        api.answerRulesReviews(rbac::rulesIn);
        clock = new ScaledClock(100);
        kubelet = new KubeletSimulator(api.client(), clock);
    }

    @AfterEach
    void stop() {
        for (RunningOperator operator : new RunningOperator[] {first, second}) {
            if (operator != null) {
                operator.close();
            }
        }
        kubelet.close();
        api.close();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() throws Exception {
        first = new RunningOperator(api, "replica-1", clock, Set.of(), leaderElection("replica-1")).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "replica-1".equals(holder()));
        second = new RunningOperator(api, "replica-2", clock, Set.of(), leaderElection("replica-2")).start();
        await().atMost(Duration.ofSeconds(30)).until(second::ready);

        api.client().resource(Employees.withAllWatchers("alice", 30)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> systemStatus("alice") == SystemStatus.Online);

        assertThat(writesOutsideTheLease("replica-1")).isNotEmpty();
        assertThat(writesOutsideTheLease("replica-2")).as("the standby's writes").isEmpty();
        assertThat(holder()).isEqualTo("replica-1");

        first.close();
        long stoppedAt = System.nanoTime();
        first = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> "replica-2".equals(holder()));
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(takeover).as("time until the standby holds the Lease")
                .isLessThanOrEqualTo(LEASE_DURATION.plus(RETRY_PERIOD.multipliedBy(2)));

        api.client().resource(Employees.withAllWatchers("bob", 30)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> systemStatus("bob") == SystemStatus.Online);
        assertThat(writesOutsideTheLease("replica-2")).anySatisfy(write -> assertThat(write.path()).contains("/pods"));
    }

    private static LeaderElectionConfiguration leaderElection(String identity) {
        return new LeaderElectionConfiguration(LEASE, Chart.NAMESPACE, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD,
                identity, null, false);
    }

    private String holder() {
        Lease lease = api.client().leases().inNamespace(Chart.NAMESPACE).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private List<ApiServer.Request> writesOutsideTheLease(String userAgent) {
        return api.requestsBy(userAgent).stream()
                .filter(request -> !"GET".equals(request.method()))
                .filter(request -> !request.path().contains("/leases") && !request.path().contains("selfsubjectrulesreviews"))
                .toList();
    }

    private SystemStatus systemStatus(String name) {
        AIEmployee resource = api.client().resources(AIEmployee.class).inNamespace(OperatorHarness.NAMESPACE)
                .withName(name).get();
        AIEmployeeStatus status = resource == null ? null : resource.getStatus();
        return status == null ? null : status.systemStatus();
    }
}
