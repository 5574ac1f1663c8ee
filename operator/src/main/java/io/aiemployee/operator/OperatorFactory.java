package io.aiemployee.operator;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.aiemployee.operator.reconciler.ReconcileRetry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one place the JOSDK Operator is configured, used by {@code aiemployee operator} and by the
 * tests. Server-side apply is off: the Fabric8 mock server does not support it, and the reconciler
 * patches status with JSON patches instead. Extra settings (metrics, leader election) come in
 * through {@code customizer}.
 */
public final class OperatorFactory {

    /** The controller's name (also used in logs and metrics). */
    public static final String CONTROLLER_NAME = "aiemployee";

    private OperatorFactory() {
    }

    public static Operator newOperator(KubernetesClient client, Consumer<ConfigurationServiceOverrider> customizer) {
        return new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withCloseClientOnStop(false);
            customizer.accept(overrider);
        });
    }

    public static Operator newOperator(KubernetesClient client) {
        return newOperator(client, overrider -> { });
    }

    /**
     * Registers the AIEmployee controller, with a retry that never gives up ({@link ReconcileRetry}).
     *
     * @param namespaces the namespaces to watch; empty for all namespaces
     */
    public static RegisteredController<AIEmployee> register(Operator operator, AIEmployeeReconciler reconciler,
                                                            Set<String> namespaces) {
        return operator.register(reconciler, config -> {
            config.withName(CONTROLLER_NAME);
            config.withRetry(ReconcileRetry.of(reconciler.timeScale()));
            if (namespaces.isEmpty()) {
                config.watchingAllNamespaces();
            } else {
                config.settingNamespaces(namespaces);
            }
        });
    }
}
