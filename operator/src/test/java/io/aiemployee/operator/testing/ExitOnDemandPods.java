package io.aiemployee.operator.testing;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.resources.WatcherPod;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watcher pods for real clusters: the operator's pod, but running a small public image whose
 * command waits until told to exit, then writes the termination message and exits with the chosen
 * code ({@link #terminator}: two files written into the pod's /tmp through exec).
 */
public final class ExitOnDemandPods {

    public static final String IMAGE = "busybox:1.36";
    static final String SCRIPT = "trap 'exit 0' TERM; "
            + "while [ ! -f /tmp/exit-code ]; do sleep 0.2; done; "
            + "cat /tmp/exit-message > /dev/termination-log 2>/dev/null; "
            + "exit $(cat /tmp/exit-code)";

    private ExitOnDemandPods() {
    }

    /** The operator's pod with the image and command replaced (no liveness probe: busybox serves no /healthz). */
    public static Pod decorate(Pod pod) {
        var container = pod.getSpec().getContainers().get(0);
        container.setImage(IMAGE);
        container.setCommand(java.util.List.of("sh", "-c", SCRIPT));
        container.setArgs(java.util.List.of());
        container.setLivenessProbe(null);
        return pod;
    }

    public static OperatorHarness.Terminator terminator(KubernetesClient client) {
        return (namespace, podName, exitCode, message) -> {
            String b64 = Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
            try (var exec = client.pods().inNamespace(namespace).withName(podName).inContainer(WatcherPod.CONTAINER)
                    .exec("sh", "-c", "echo " + b64 + " | base64 -d > /tmp/exit-message; echo " + exitCode
                            + " > /tmp/exit-code.tmp; mv /tmp/exit-code.tmp /tmp/exit-code")) {
                exec.exitCode().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not make " + podName + " exit", e);
            }
        };
    }

    /** The namespace, and the Secrets and claim the test AIEmployees reference (contents are dummies). */
    static void prepareNamespace(KubernetesClient client, String namespace) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
        for (String secret : new String[] {"gmail-token", "gmail-token-v2", "smtp-credentials"}) {
            client.resource(new SecretBuilder().withNewMetadata().withName(secret).withNamespace(namespace).endMetadata()
                    .withStringData(Map.of("token.json", "{}")).build()).serverSideApply();
        }
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("whatsapp-session")
                .withNamespace(namespace).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("64Mi")).endResources().endSpec().build())
                .serverSideApply();
    }

    /** Removes what one test created, so the next test's operator starts clean. */
    static void cleanNamespace(KubernetesClient client, String namespace) {
        client.resources(AIEmployee.class).inNamespace(namespace).delete();
        client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "aiemployee-operator")
                .withGracePeriod(0).delete();
    }
}
