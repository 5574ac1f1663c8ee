package io.aiemployee.operator.testing;

import io.aiemployee.operator.OperatorFactory;
import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeStatus;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.reconciler.AIEmployeeReconciler;
import io.aiemployee.operator.reconciler.TimeScale;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.resources.Workload;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;

/**
 * The real JOSDK Operator with the AIEmployee controller, plus what a test needs around it: a
 * client to arrange and assert with, a way to make a watcher's container exit with a chosen code,
 * and the list of the operator's write requests. Two backends share everything else, so the same
 * scenario code runs on both:
 * <ul>
 *   <li>{@link #onMockServer(double)}: the Fabric8 mock API server in CRUD mode with the
 *   {@link KubeletSimulator}; writes are counted at the server; the operator's clock runs
 *   {@code speedup} times faster ({@link ScaledClock});</li>
 *   <li>{@link #onCluster(Config)}: a real cluster (k3s in Testcontainers); pods run a small public
 *   image whose command exits when told to; writes are counted in the operator's client; real time.</li>
 * </ul>
 * The operator can be stopped and started again against the same API server.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final String OPERATOR_AGENT = "aiemployee-operator-under-test";
    public static final String NAMESPACE = "test";
    /** Tests run with the module directory as working directory. */
    public static final Path CRD_FILE = Path.of("..", "crds", "aiemployees.aiemployee.io-v1.yml");

    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    /**
     * For a pod the operator created: when the reconciliation that created it started and when its
     * create request was about to be sent (both System.nanoTime), so a benchmark can tell waiting
     * for a reconciliation from the reconciliation's own work and the API call.
     */
    public record PodCreateTiming(String podName, long reconcileStartedNanos, long sentNanos) {
    }

    /** Makes a watcher pod's container exit with a code and termination message. */
    @FunctionalInterface
    public interface Terminator {
        void terminate(String namespace, String podName, int exitCode, String message);
    }

    private final KubernetesClient client;
    private final Config operatorConfig;
    private final Clock clock;
    private final double speedup;
    private final Terminator terminator;
    private final UnaryOperator<Pod> podDecorator;
    private final Supplier<List<CountingCrudDispatcher.Write>> operatorWrites;
    private final boolean realCluster;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ClientWriteCounter clientWrites = new ClientWriteCounter();
    private final AtomicLong reconciliations = new AtomicLong();
    /** When the reconciliation running on this thread started (System.nanoTime), for {@link PodCreateTiming}. */
    private final ThreadLocal<Long> reconcileStarted = new ThreadLocal<>();
    private final Map<String, PodCreateTiming> podCreateTimings = new ConcurrentHashMap<>();
    private KubernetesClient operatorClient;
    private Operator operator;

    private OperatorHarness(KubernetesClient client, Config operatorConfig, Clock clock, double speedup,
                            Terminator terminator, UnaryOperator<Pod> podDecorator,
                            Supplier<List<CountingCrudDispatcher.Write>> operatorWrites, boolean realCluster) {
        this.client = client;
        this.operatorConfig = operatorConfig;
        this.clock = clock;
        this.speedup = speedup;
        this.terminator = terminator;
        this.podDecorator = podDecorator;
        this.operatorWrites = operatorWrites != null ? operatorWrites : clientWrites::writes;
        this.realCluster = realCluster;
    }

    /** The mock API server with the kubelet simulator; the operator's clock runs {@code speedup} times faster. */
    public static OperatorHarness onMockServer(double speedup) {
        return onMockServer(speedup, UnaryOperator.identity());
    }

    /**
     * As {@link #onMockServer(double)}, with the server's dispatcher wrapped by {@code wrapDispatcher}
     * (e.g. to inject API errors); the wrapped dispatcher still counts writes.
     */
    public static OperatorHarness onMockServer(double speedup, UnaryOperator<Dispatcher> wrapDispatcher) {
        var dispatcher = new CountingCrudDispatcher();
        var server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), new HashMap<>(), wrapDispatcher.apply(dispatcher), false);
        server.init();
        KubernetesClient client = server.createClient();
        installCrd(client);
        var clock = new ScaledClock(speedup);
        var kubelet = new KubeletSimulator(client, clock);
        var harness = new OperatorHarness(client, client.getConfiguration(), clock, speedup, kubelet::terminate,
                UnaryOperator.identity(), () -> dispatcher.writesBy(OPERATOR_AGENT), false);
        harness.resources.add(kubelet);
        harness.resources.add(client);
        harness.resources.add(server::destroy);
        harness.mockServer = server;
        harness.kubelet = kubelet;
        harness.dispatcher = dispatcher;
        return harness;
    }

    /**
     * A real cluster reached with {@code config}: installs the CRD, the namespace and the Secrets
     * and claim the test AIEmployees reference; watcher pods run {@link ExitOnDemandPods#IMAGE}.
     */
    public static OperatorHarness onCluster(Config config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        installCrd(client);
        client.apiextensions().v1().customResourceDefinitions().withName("aiemployees.aiemployee.io")
                .waitUntilCondition(crd -> crd != null && crd.getStatus() != null && crd.getStatus().getConditions()
                        .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
                        60, java.util.concurrent.TimeUnit.SECONDS);
        ExitOnDemandPods.prepareNamespace(client, NAMESPACE);
        var harness = new OperatorHarness(client, config, Clock.systemUTC(), 1.0, ExitOnDemandPods.terminator(client),
                ExitOnDemandPods::decorate, null, true);
        harness.resources.add(() -> ExitOnDemandPods.cleanNamespace(client, NAMESPACE));
        harness.resources.add(client);
        return harness;
    }

    private KubernetesMockServer mockServer;
    private KubeletSimulator kubelet;
    private CountingCrudDispatcher dispatcher;

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
                .withConfig(new ConfigBuilder(operatorConfig).withUserAgent(userAgent).build())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-writes", clientWrites))
                .build();
        operator = OperatorFactory.newOperator(operatorClient, customizer);
        UnaryOperator<Pod> timedDecorator = pod -> {
            Long started = reconcileStarted.get();
            podCreateTimings.put(pod.getMetadata().getName(), new PodCreateTiming(pod.getMetadata().getName(),
                    started == null ? System.nanoTime() : started, System.nanoTime()));
            return podDecorator.apply(pod);
        };
        OperatorFactory.register(operator, new AIEmployeeReconciler(new TimeScale(clock, speedup), timedDecorator) {
            @Override
            public UpdateControl<AIEmployee> reconcile(AIEmployee resource, Context<AIEmployee> context) {
                reconciliations.incrementAndGet();
                reconcileStarted.set(System.nanoTime());
                try {
                    return super.reconcile(resource, context);
                } finally {
                    reconcileStarted.remove();
                }
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

    /** The committed CRD (crds/), so the API server knows the resource (the mock: its scope, for watches). */
    public static void installCrd(KubernetesClient client) {
        try (var in = Files.newInputStream(CRD_FILE)) {
            var crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.resource(crd).createOr(existing -> existing.update());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client for the test itself (arrange and assert); its writes do not count as the operator's. */
    public KubernetesClient client() {
        return client;
    }

    /** True on a real cluster (real kubelet and garbage collector). */
    public boolean isRealCluster() {
        return realCluster;
    }

    /** The operator's clock. */
    public Clock clock() {
        return clock;
    }

    /** How many times faster than real time the operator's clock runs. */
    public double speedup() {
        return speedup;
    }

    /** How long {@code clockDuration} takes in real time. */
    public Duration real(Duration clockDuration) {
        return Duration.ofNanos((long) (clockDuration.toNanos() / speedup));
    }

    /** The kubelet simulator (mock server only). */
    public KubeletSimulator kubelet() {
        if (kubelet == null) {
            throw new IllegalStateException("no kubelet simulator on a real cluster");
        }
        return kubelet;
    }

    /** The mock server's request recorder (mock server only). */
    public CountingCrudDispatcher requests() {
        if (dispatcher == null) {
            throw new IllegalStateException("requests are recorded at the server only on the mock");
        }
        return dispatcher;
    }

    /** Makes the pod's watcher container exit with {@code exitCode} and {@code message}. */
    public void terminate(String podName, int exitCode, String message) {
        terminator.terminate(NAMESPACE, podName, exitCode, message);
    }

    public List<CountingCrudDispatcher.Write> operatorWrites() {
        return operatorWrites.get();
    }

    /** How many times the reconciler has run so far. */
    public long reconciliations() {
        return reconciliations.get();
    }

    /** The timing of the operator's create request for {@code podName}, if it created that pod. */
    public java.util.Optional<PodCreateTiming> podCreateTiming(String podName) {
        return java.util.Optional.ofNullable(podCreateTimings.get(podName));
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

    /**
     * Edits the AIEmployee as a user would with kubectl: read, change, write with the resource
     * version read, and on a 409 (the operator wrote in between: status, finalizer) read again and
     * re-apply the change.
     */
    public AIEmployee edit(String name, UnaryOperator<AIEmployee> edit) {
        return retryingOnConflict(() -> client.resources(AIEmployee.class).inNamespace(NAMESPACE).withName(name).edit(edit));
    }

    /** As {@link #edit}, for the status subresource (what the vault-keeper writes). */
    public AIEmployee editStatus(String name, UnaryOperator<AIEmployee> edit) {
        return retryingOnConflict(() -> client.resources(AIEmployee.class).inNamespace(NAMESPACE).withName(name).editStatus(edit));
    }

    private static AIEmployee retryingOnConflict(Supplier<AIEmployee> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The watcher pods of one AIEmployee (not its vault-keeper's: see {@link #keeperPods}). */
    public List<Pod> pods(String name) {
        return client.pods().inNamespace(NAMESPACE).withLabel(Labels.INSTANCE, name)
                .withoutLabel(Labels.COMPONENT, Workload.VAULT_KEEPER.id()).list().getItems();
    }

    /** The vault-keeper pods of one AIEmployee. */
    public List<Pod> keeperPods(String name) {
        return client.pods().inNamespace(NAMESPACE).withLabel(Labels.INSTANCE, name)
                .withLabel(Labels.COMPONENT, Workload.VAULT_KEEPER.id()).list().getItems();
    }

    public Pod pod(String podName) {
        return client.pods().inNamespace(NAMESPACE).withName(podName).get();
    }

    /** Waits until the AIEmployee's status satisfies {@code condition}; returns that resource. */
    public AIEmployee awaitStatus(String name, Duration timeout, Predicate<AIEmployeeStatus> condition) {
        var result = new AtomicReference<AIEmployee>();
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

    /** "Reason: message" of the events recorded on the AIEmployee. */
    public List<String> eventMessages(String name) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    private static Logger quiet(String name) {
        var logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        stopOperator();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // best effort: keep closing the rest
            }
        }
    }
}
