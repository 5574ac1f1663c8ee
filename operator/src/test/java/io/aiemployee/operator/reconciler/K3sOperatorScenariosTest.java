package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.Config;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same nine scenarios on a real k3s cluster in a container: real API server (schema validation,
 * defaulting), real kubelet and garbage collector. Watcher pods run busybox, exiting with the code a
 * scenario asks for; time is real (the backoff scenario takes about two minutes). Skipped when no
 * Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sOperatorScenariosTest extends OperatorScenarios {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @Override
    OperatorHarness newHarness(double speedup) {
        // a real kubelet stamps real times: the operator's clock cannot run faster here
        return OperatorHarness.onCluster(Config.fromKubeconfig(K3S.getKubeConfigYaml())).startOperator();
    }
}
