package io.aiemployee.operator.observability;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JOSDK's reconciliation metrics and the readiness check, with a real JOSDK operator (a small
 * ConfigMap reconciler) against the Fabric8 mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class ReconciliationMetricsTest {

    static KubernetesClient client;

    private Observability observability;
    private Operator operator;

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        observability.close();
    }

    @Test
    void reconciliationsAndFailuresAreScrapedAndReadinessFollowsTheOperator() throws Exception {
        observability = Observability.create();
        operator = new Operator(overrider -> overrider
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withMetrics(observability.reconciliationMetrics())
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(new FailingOnDemand(), config -> config.settingNamespaces("default"));
        BooleanSupplier readiness = Observability.readiness(operator::getRuntimeInfo);
        int port = observability.serve(0, readiness).port();

        assertThat(readiness.getAsBoolean()).isFalse();
        operator.start();
        await().atMost(Duration.ofSeconds(10)).until(readiness::getAsBoolean);

        client.configMaps().inNamespace("default").resource(configMap("fine", false)).create();
        client.configMaps().inNamespace("default").resource(configMap("broken", true)).create();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(port);
            // count, errors and duration of reconciliations
            assertThat(scrape.value("operator_sdk_reconciliations_success_total", Map.of("kind", "ConfigMap")))
                    .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(1.0));
            assertThat(scrape.value("operator_sdk_reconciliations_failed_total",
                    Map.of("kind", "ConfigMap", "exception", "IllegalStateException")))
                    .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(1.0));
            assertThat(scrape.value("operator_sdk_controllers_execution_reconcile_seconds_count",
                    Map.of("controller", "failingondemand")))
                    .hasValueSatisfying(value -> assertThat(value).isGreaterThanOrEqualTo(2.0));
        });
    }

    private static ConfigMap configMap(String name, boolean fail) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(Map.of("fail", Boolean.toString(fail))).build();
    }

    /** Reconciles ConfigMaps; throws for those with data fail=true. */
    static class FailingOnDemand implements Reconciler<ConfigMap> {
        @Override
        public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
            if ("true".equals(resource.getData().get("fail"))) {
                throw new IllegalStateException("asked to fail");
            }
            return UpdateControl.noUpdate();
        }
    }
}
