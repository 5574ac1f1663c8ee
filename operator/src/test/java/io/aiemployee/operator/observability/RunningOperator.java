package io.aiemployee.operator.observability;

import io.aiemployee.operator.OperatorFactory;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.aiemployee.operator.reconciler.TimeScale;
import io.aiemployee.operator.testing.ScaledClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

import java.io.IOException;
import java.util.Set;

/**
 * One operator process as {@code aiemployee operator} assembles it: the AIEmployee controller from
 * {@link OperatorFactory}, JOSDK's metrics and {@link OperatorMetrics} in one registry served over
 * HTTP, optionally leader election; its API requests carry {@code userAgent}.
 */
public final class RunningOperator implements AutoCloseable {

    private final String userAgent;
    private final KubernetesClient client;
    private final Observability observability = Observability.create();
    private final Operator operator;
    private final ObservabilityServer server;

    public RunningOperator(ApiServer api, String userAgent, ScaledClock clock, Set<String> namespaces,
                           LeaderElectionConfiguration leaderElection) throws IOException {
        this.userAgent = userAgent;
        this.client = api.newClient(userAgent);
        this.operator = OperatorFactory.newOperator(client, overrider -> {
            overrider.withMetrics(observability.reconciliationMetrics());
            if (leaderElection != null) {
                overrider.withLeaderElectionConfiguration(leaderElection);
            }
        });
        OperatorFactory.register(operator,
                new AIEmployeeReconciler(new TimeScale(clock, clock.speedup()), observability.operatorMetrics()),
                namespaces);
        this.server = observability.serve(0, Observability.readiness(operator::getRuntimeInfo));
    }

    public RunningOperator start() {
        operator.start();
        return this;
    }

    public String userAgent() {
        return userAgent;
    }

    public int metricsPort() {
        return server.port();
    }

    public boolean ready() {
        return Observability.readiness(operator::getRuntimeInfo).getAsBoolean();
    }

    @Override
    public void close() {
        operator.stop();
        client.close();
        observability.close();
    }
}
