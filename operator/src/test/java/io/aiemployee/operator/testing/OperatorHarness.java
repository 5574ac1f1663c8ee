package io.aiemployee.operator.testing;

import io.aiemployee.operator.OperatorFactory;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.aiemployee.operator.reconciler.TimeScale;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.javaoperatorsdk.operator.Operator;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.watcher.WatcherKind;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The real JOSDK Operator with the AIEmployee controller against the Fabric8 mock API server in CRUD
 * mode, plus a {@link KubeletSimulator}. Time runs {@code speedup} times faster than real time
 * (see {@link ScaledClock}). The operator can be stopped and started again on the same server.
 * Writes are counted per client: the operator's client identifies itself as {@link #OPERATOR_AGENT}.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final String OPERATOR_AGENT = "aiemployee-operator-under-test";
    public static final String NAMESPACE = "test";

    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private final CountingCrudDispatcher dispatcher = new CountingCrudDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ScaledClock clock;
    private final KubeletSimulator kubelet;
    private KubernetesClient operatorClient;
    private Operator operator;
    private final AtomicLong reconciliations = new AtomicLong();

    public OperatorHarness(double speedup) {
        this(speedup, UnaryOperator.identity());
    }

    /**
     * As {@link #OperatorHarness(double)}, with the server's dispatcher wrapped by {@code wrapDispatcher}
     * (e.g. to inject API errors); the wrapped dispatcher still counts writes.
     */
    public OperatorHarness(double speedup, UnaryOperator<Dispatcher> wrapDispatcher) {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                wrapDispatcher.apply(dispatcher), false);
        server.init();
        client = server.createClient();
        clock = new ScaledClock(speedup);
        kubelet = new KubeletSimulator(client, clock);
    }

    /** Starts the operator (again); namespaces empty means all. */
    public synchronized OperatorHarness startOperator(Set<String> namespaces) {
        return startOperator(namespaces, OPERATOR_AGENT);
    }

    /**
     * Starts the operator (again) with its client identifying itself as {@code userAgent}, so the server
     * can tell operator instances apart (e.g. to fence a stopped one).
     */
    public synchronized OperatorHarness startOperator(Set<String> namespaces, String userAgent) {
        return startOperator(namespaces, userAgent, overrider -> { });
    }

    /** As {@link #startOperator(Set, String)}, with extra JOSDK settings (e.g. an informer-stopped handler). */
    public synchronized OperatorHarness startOperator(Set<String> namespaces, String userAgent,
                                                      java.util.function.Consumer<io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider> customizer) {
        if (operator != null) {
            throw new IllegalStateException("operator already running");
        }
        operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build())
                .build();
        operator = OperatorFactory.newOperator(operatorClient, customizer);
        OperatorFactory.register(operator, new AIEmployeeReconciler(new TimeScale(clock, clock.speedup())) {
            @Override
            public UpdateControl<AIEmployee> reconcile(AIEmployee resource, Context<AIEmployee> context) {
                reconciliations.incrementAndGet();
                return super.reconcile(resource, context);
            }
        }, namespaces);
        operator.start();
        return this;
    }

    public OperatorHarness startOperator() {
        return startOperator(Set.of());
    }

    public synchronized void stopOperator() {
        if (operator != null) {
            operator.stop();
            operatorClient.close();
            operator = null;
        }
    }

    /** A client for the test itself (arrange and assert); its writes do not count as the operator's. */
    public KubernetesClient client() {
        return client;
    }

    /** How many times the reconciler has run so far. */
    public long reconciliations() {
        return reconciliations.get();
    }

    /** Waits until the AIEmployee's status satisfies {@code condition}; returns that resource. */
    public AIEmployee awaitStatus(String name, Duration timeout, Predicate<AIEmployeeStatus> condition) {
        var result = new java.util.concurrent.atomic.AtomicReference<AIEmployee>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
            AIEmployee current = get(name);
            if (current != null && current.getStatus() != null && condition.test(current.getStatus())) {
                result.set(current);
                return true;
            }
            return false;
        });
        return result.get();
    }

    /** The status of one watcher, or null. */
    public WatcherStatus watcher(String name, WatcherKind kind) {
        AIEmployee current = get(name);
        return current == null || current.getStatus() == null ? null
                : current.getStatus().watcher(kind.id()).orElse(null);
    }

    public Pod pod(String podName) {
        return client.pods().inNamespace(NAMESPACE).withName(podName).get();
    }

    /** Events recorded on the AIEmployee, oldest first. */
    public List<String> eventMessages(String name) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getCreationTimestamp() + e.getLastTimestamp()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    public AIEmployee edit(String name, java.util.function.UnaryOperator<AIEmployee> edit) {
        return client.resources(AIEmployee.class).inNamespace(NAMESPACE).withName(name).edit(edit);
    }

    public KubeletSimulator kubelet() {
        return kubelet;
    }

    public ScaledClock clock() {
        return clock;
    }

    public CountingCrudDispatcher requests() {
        return dispatcher;
    }

    public List<CountingCrudDispatcher.Write> operatorWrites() {
        return dispatcher.writesBy(OPERATOR_AGENT);
    }

    public AIEmployee create(AIEmployee resource) {
        if (resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(NAMESPACE);
        }
        return client.resource(resource).create();
    }

    public AIEmployee get(String name) {
        return client.resources(AIEmployee.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** The watcher pods of one AIEmployee. */
    public List<Pod> pods(String name) {
        return client.pods().inNamespace(NAMESPACE).withLabel(Labels.INSTANCE, name).list().getItems();
    }

    private static java.util.logging.Logger quiet(String name) {
        var logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        stopOperator();
        kubelet.close();
        client.close();
        server.destroy();
    }
}
