package io.aiemployee.operator.cli;

import io.aiemployee.operator.OperatorFactory;
import io.aiemployee.operator.observability.Observability;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.aiemployee.operator.reconciler.TimeScale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aiemployee operator}: runs the AIEmployee controller until SIGTERM. The Kubernetes
 * connection comes from the in-cluster service account or, outside a cluster, from the kubeconfig
 * (Fabric8's usual lookup).
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes operator that manages AIEmployee resources.")
public final class OperatorCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

    @Option(names = "--watch-namespaces", defaultValue = "${env:WATCH_NAMESPACES}",
            description = "Comma-separated namespaces to watch; all namespaces when empty (env WATCH_NAMESPACES).")
    String watchNamespaces;

    @Option(names = "--metrics-port", defaultValue = "${env:METRICS_PORT:-8080}",
            description = "Port of /metrics, /healthz and /readyz (env METRICS_PORT, default 8080).")
    int metricsPort;

    @Option(names = "--leader-election", defaultValue = "${env:LEADER_ELECTION_ENABLED:-false}", arity = "1",
            description = "Campaign for a Lease so only one replica reconciles (env LEADER_ELECTION_ENABLED).")
    boolean leaderElection;

    @Option(names = "--lease-name", defaultValue = "${env:LEADER_ELECTION_LEASE_NAME:-aiemployee-operator-leader}",
            description = "Name of the leader election Lease (env LEADER_ELECTION_LEASE_NAME).")
    String leaseName;

    @Option(names = "--lease-namespace", defaultValue = "${env:OPERATOR_NAMESPACE}",
            description = "Namespace of the Lease, the operator's own (env OPERATOR_NAMESPACE); "
                    + "default: the namespace of the Kubernetes client configuration.")
    String leaseNamespace;

    @Override
    public Integer call() throws Exception {
        Set<String> namespaces = parseNamespaces(watchNamespaces);
        KubernetesClient client = new KubernetesClientBuilder().build();
        Observability observability = Observability.create();
        AtomicBoolean shuttingDown = new AtomicBoolean();
        Operator operator = OperatorFactory.newOperator(client, overrider -> {
            overrider.withMetrics(observability.reconciliationMetrics());
            if (leaderElection) {
                overrider.withLeaderElectionConfiguration(leaderElectionConfiguration(shuttingDown));
            }
        });
        OperatorFactory.register(operator, new AIEmployeeReconciler(TimeScale.REAL, observability.operatorMetrics()),
                namespaces);
        observability.serve(metricsPort, Observability.readiness(operator::getRuntimeInfo));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown.set(true);
            LOG.info("Shutting down");
            try {
                operator.stop();
                client.close();
                observability.close();
            } finally {
                stopped.countDown();
            }
        }, "operator-shutdown"));
        operator.start();
        LOG.info("AIEmployee operator started, watching {}{}", namespaces.isEmpty() ? "all namespaces" : namespaces,
                leaderElection ? ", leader election on Lease " + leaseName : "");
        stopped.await();
        return 0;
    }

    /**
     * A replica that loses the Lease exits, so that Kubernetes restarts it as a standby; but not while
     * it is shutting down, where JOSDK's own exit-on-stop-leading would call System.exit from inside
     * the shutdown hook and hang the JVM.
     */
    private LeaderElectionConfiguration leaderElectionConfiguration(AtomicBoolean shuttingDown) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> { }, () -> {
            if (!shuttingDown.get()) {
                LOG.error("Lost the leader Lease {}; exiting so that this replica restarts as a standby", leaseName);
                new Thread(() -> System.exit(1), "leader-lost-exit").start();
            }
        }, leader -> { });
        return new LeaderElectionConfiguration(leaseName,
                leaseNamespace == null || leaseNamespace.isBlank() ? null : leaseNamespace,
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null, callbacks, false);
    }

    static Set<String> parseNamespaces(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
