package io.aiemployee.operator.observability;

import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Everything the operator exposes about itself, built once by the operator's main: one Prometheus
 * registry holding JVM metrics, JOSDK's reconciliation metrics and {@link OperatorMetrics}, served
 * with the health endpoints by {@link ObservabilityServer}.
 */
public final class Observability implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final OperatorMetrics operatorMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private ObservabilityServer server;

    private Observability(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.operatorMetrics = new OperatorMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public static Observability create() {
        return new Observability(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public OperatorMetrics operatorMetrics() {
        return operatorMetrics;
    }

    /**
     * JOSDK's reconciliation metrics (reconciliations started, succeeded and failed, execution
     * time, events) in the same registry, for {@code ConfigurationServiceOverrider.withMetrics}.
     * Without per-resource series: with thousands of AIEmployees those would dominate the scrape;
     * per-resource views come from {@link OperatorMetrics}.
     */
    public Metrics reconciliationMetrics() {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }

    /** Starts the HTTP server for /metrics, /healthz and /readyz. */
    public synchronized ObservabilityServer serve(int port, BooleanSupplier readiness) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already serving on port " + server.port());
        }
        server = ObservabilityServer.start(port, registry, readiness);
        return server;
    }

    /**
     * Readiness of a JOSDK operator: started, and every event source (the informers) healthy.
     * With leader election a standby replica is ready too: its informers run, only its event
     * processing waits for the Lease, so it can take over at once.
     */
    public static BooleanSupplier readiness(Supplier<RuntimeInfo> runtimeInfo) {
        return () -> {
            RuntimeInfo info = runtimeInfo.get();
            return info != null && info.isStarted() && info.allEventSourcesAreHealthy();
        };
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        gcMetrics.close();
        registry.close();
    }
}
