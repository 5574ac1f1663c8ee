package io.aiemployee.operator.cli;

import io.aiemployee.operator.OperatorFactory;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Override
    public Integer call() throws InterruptedException {
        Set<String> namespaces = parseNamespaces(watchNamespaces);
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = OperatorFactory.newOperator(client);
        OperatorFactory.register(operator, new AIEmployeeReconciler(), namespaces);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            try {
                operator.stop();
                client.close();
            } finally {
                stopped.countDown();
            }
        }, "operator-shutdown"));
        operator.start();
        LOG.info("AIEmployee operator started, watching {}", namespaces.isEmpty() ? "all namespaces" : namespaces);
        stopped.await();
        return 0;
    }

    static Set<String> parseNamespaces(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
