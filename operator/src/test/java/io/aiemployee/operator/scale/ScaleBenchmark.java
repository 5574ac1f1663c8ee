package io.aiemployee.operator.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.RestartPolicySpec;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.faults.FaultInjectingDispatcher;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.operator.testing.ScaledClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scale benchmark on the in-process mock API server with the kubelet simulator: N AIEmployees with four
 * watchers each. Run with {@code ./mvnw -B -Pbenchmark test -pl operator -am -Dtest=ScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dscale.sizes=50,200,500] [-Dscale.speedup=30]}. Results are
 * printed (with the restart reaction's breakdown) and appended to {@code operator/target/scale-benchmark.md};
 * docs/benchmarks.md quotes them.
 *
 * <p>Per size: time from operator start (all resources already created) until every status is Online
 * 4/4 and every pod Running; API requests the operator sent per AIEmployee until then; operator writes
 * during five steady-state health-check intervals; operator heap after a full GC (heap used with the
 * operator running minus heap used after it is stopped and its client closed, the server's data
 * unchanged, so the in-process mock server's own heap is subtracted); restart reaction (replacement
 * created minus failure time minus backoff) while 10% of the watchers crash repeatedly.
 */
@Tag("benchmark")
class ScaleBenchmark {

    static final double SPEEDUP = Double.parseDouble(System.getProperty("scale.speedup", "30"));
    static final int HEALTH_CHECK_SECONDS = 30;
    static final int CRASHES_PER_VICTIM = 6;
    static final int KUBELET_THREADS = 4;
    /** Four watchers and the vault-keeper. */
    static final int PODS_PER_EMPLOYEE = 5;
    /**
     * The restart count is never reset during the run (resetAfterSeconds of a week), so restart number n
     * always waits backoff(n): on a slow machine a replacement can run longer than the default 600
     * clock-seconds before the next crash, and a reset would make the measured reaction look negative.
     */
    static final RestartPolicySpec NO_RESET = new RestartPolicySpec(2, 32, 604800);

    @Test
    void scale() throws Exception {
        String sizes = System.getProperty("scale.sizes", "50,200,500");
        for (String size : sizes.split(",")) {
            run(Integer.parseInt(size.trim()));
        }
    }

    private void run(int n) throws Exception {
        FaultInjectingDispatcher[] server = new FaultInjectingDispatcher[1];
        try (var harness = OperatorHarness.onMockServer(SPEEDUP, d -> server[0] = new FaultInjectingDispatcher(d))) {
            server[0].useClock(harness.clock());
            for (int i = 0; i < n; i++) {
                harness.create(Employees.with(String.format("scale-%04d", i), new AIEmployeeSpec(false,
                        HEALTH_CHECK_SECONDS, NO_RESET, null, Employees.allFourWatchers())));
            }
            // the simulator starts pods on one thread (a GET and a status PATCH each); with hundreds of pods
            // that, not the operator, would set the pace, so pods are started by a small pool instead
            harness.kubelet().setAutoRun(false);
            ExecutorService kubeletPool = Executors.newFixedThreadPool(KUBELET_THREADS);
            Set<String> started = ConcurrentHashMap.newKeySet();
            long[] allCreatedAt = {0};
            long[] allRunningAt = {0};
            // one pod informer for everything the benchmark watches: the mock server serializes each pod
            // change once per watch, on its single thread, so every extra watch slows it for everyone
            SharedIndexInformer<Pod> podCache = harness.client().pods().inNamespace(OperatorHarness.NAMESPACE)
                    .withLabelSelector(Labels.MANAGED_SELECTOR).inform();
            podCache.addEventHandler(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Pod pod) {
                            if ((pod.getStatus() == null || pod.getStatus().getPhase() == null)
                                    && started.add(pod.getMetadata().getName())) {
                                if (started.size() == PODS_PER_EMPLOYEE * n) {
                                    allCreatedAt[0] = System.nanoTime();
                                }
                                kubeletPool.execute(() -> {
                                    try {
                                        harness.kubelet().start(OperatorHarness.NAMESPACE, pod.getMetadata().getName());
                                    } catch (RuntimeException gone) {
                                        // deleted before it started
                                    }
                                });
                            }
                        }

                        @Override
                        public void onUpdate(Pod oldPod, Pod newPod) {
                        }

                        @Override
                        public void onDelete(Pod pod, boolean unknown) {
                        }
                    });
            SharedIndexInformer<AIEmployee> employeeCache = harness.client().resources(AIEmployee.class)
                    .inNamespace(OperatorHarness.NAMESPACE).inform();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = processCpuNanos();
            Map<String, Long> threadCpuBefore = cpuByThreadGroup(threads);

            long t0 = System.nanoTime();
            harness.startOperator();
            awaitConverged(podCache, employeeCache, n, Duration.ofMinutes(10), allRunningAt);
            double convergeSeconds = (System.nanoTime() - t0) / 1e9;
            double createdSeconds = (allCreatedAt[0] - t0) / 1e9;
            double runningSeconds = (allRunningAt[0] - t0) / 1e9;
            long requestsToConverge = server[0].operatorRequestCount();
            Map<String, Long> byMethod = server[0].operatorRequestsByMethod();
            long cpuConverge = processCpuNanos() - cpuBefore;
            Map<String, Long> threadCpu = diff(cpuByThreadGroup(threads), threadCpuBefore);

            // steady state: let stragglers settle, then five health-check intervals
            Thread.sleep((long) (HEALTH_CHECK_SECONDS * 1000 / SPEEDUP));
            long writesBefore = server[0].operatorWriteCount();
            long reconcilesBefore = harness.reconciliations();
            long readsBefore = server[0].operatorRequestCount() - writesBefore;
            Thread.sleep((long) (5L * HEALTH_CHECK_SECONDS * 1000 / SPEEDUP));
            long steadyWrites = server[0].operatorWriteCount() - writesBefore;
            long steadyReconciles = harness.reconciliations() - reconcilesBefore;
            long steadyReads = server[0].operatorRequestCount() - server[0].operatorWriteCount() - readsBefore;

            long heapWithOperator = usedHeapAfterGc();
            long crashCpuBefore = processCpuNanos();
            long crashStart = System.nanoTime();
            List<Reaction> measured = crashTenPercent(harness, podCache, server[0], n);
            double crashCpuShare = (processCpuNanos() - crashCpuBefore)
                    / ((System.nanoTime() - crashStart) * (double) Runtime.getRuntime().availableProcessors());
            podCache.close();
            employeeCache.close();
            kubeletPool.shutdown();

            harness.stopOperator();
            long heapWithoutOperator = usedHeapAfterGc();
            double operatorHeapMiB = (heapWithOperator - heapWithoutOperator) / 1048576.0;

            List<Double> reactions = sorted(measured, Reaction::totalMillis);
            // the slowest 1%: which part made them slow
            List<Reaction> slowest = measured.stream().sorted(Comparator.comparingDouble(Reaction::totalMillis).reversed())
                    .limit(Math.max(1, measured.size() / 100)).toList();
            String breakdown = String.format("wait p50 %.1f / p99 %.1f ms, reconcile p50 %.1f / p99 %.1f ms, request p50 %.1f / p99 %.1f ms;"
                            + " slowest 1%%: wait %.0f, reconcile %.0f, request %.0f ms on average",
                    percentile(sorted(measured, Reaction::waitMillis), 50), percentile(sorted(measured, Reaction::waitMillis), 99),
                    percentile(sorted(measured, Reaction::reconcileMillis), 50), percentile(sorted(measured, Reaction::reconcileMillis), 99),
                    percentile(sorted(measured, Reaction::requestMillis), 50), percentile(sorted(measured, Reaction::requestMillis), 99),
                    average(slowest, Reaction::waitMillis), average(slowest, Reaction::reconcileMillis),
                    average(slowest, Reaction::requestMillis));
            String line = String.format(
                    "| %d | %d | %.1f s (pods created %.1f s, all Running %.1f s) | %.1f | %s | %d | %.1f MiB (JVM total %.1f MiB) | %d | %.1f ms | %.1f ms | %.1f ms | %.1f s | %s |",
                    n, PODS_PER_EMPLOYEE * n, convergeSeconds, createdSeconds, runningSeconds, requestsToConverge / (double) n, byMethod, steadyWrites,
                    operatorHeapMiB, heapWithOperator / 1048576.0, reactions.size(), percentile(reactions, 50),
                    percentile(reactions, 99), reactions.isEmpty() ? 0 : reactions.get(reactions.size() - 1),
                    cpuConverge / 1e9, threadCpu);
            System.out.println("SCALE " + line + " steady reads=" + steadyReads + " steady reconciliations=" + steadyReconciles
                    + String.format(" speedup=%.0f crash-phase CPU=%.0f%%", SPEEDUP, 100 * crashCpuShare) + " reaction: " + breakdown);
            Path out = Path.of("target", "scale-benchmark.md");
            Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);

            assertThat(steadyWrites).as("writes during five steady-state health checks").isZero();
            assertThat(steadyReconciles).as("the health checks did run").isGreaterThanOrEqualTo(4L * n);
        }
    }

    /**
     * Waits on the test client's informer caches, not on LISTs: a LIST of every pod ten times a second
     * would load the single-threaded mock server more than the operator does.
     */
    private static void awaitConverged(SharedIndexInformer<Pod> pods, SharedIndexInformer<AIEmployee> employees, int n,
                                       Duration timeout, long[] allRunningAt) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Pod> podList = pods.getStore().list();
            long running = podList.stream()
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count();
            if (allRunningAt[0] == 0 && running == (long) PODS_PER_EMPLOYEE * n) {
                allRunningAt[0] = System.nanoTime();
            }
            long online = employees.getStore().list().stream().filter(r -> r.getStatus() != null
                    && r.getStatus().systemStatus() == SystemStatus.Online && "4/4".equals(r.getStatus().readyWatchers()))
                    .count();
            if (online == n && running == (long) PODS_PER_EMPLOYEE * n && podList.size() == PODS_PER_EMPLOYEE * n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not converged within " + timeout);
    }

    /**
     * Crashes 10% of the watchers repeatedly (each as soon as its replacement runs) and returns, per
     * restart, the reaction in real milliseconds: replacement pod creation arriving at the server,
     * minus the failure time, minus the backoff, converted from the test clock to real time.
     */
    private static List<Reaction> crashTenPercent(OperatorHarness harness, SharedIndexInformer<Pod> pods,
                                                  FaultInjectingDispatcher server, int n)
            throws InterruptedException {
        int victims = Math.max(1, (4 * n) / 10);
        List<String> watcherIds = new ArrayList<>();
        String[] kinds = {"filesystem", "gmail", "whatsapp", "approval"};
        for (int i = 0; watcherIds.size() < victims; i++) {
            watcherIds.add(String.format("scale-%04d", i % n) + "/" + kinds[(i / n) % 4]);
        }
        Set<String> victimSet = Set.copyOf(watcherIds);
        Map<String, List<Instant>> failures = new ConcurrentHashMap<>();
        Map<String, Integer> crashes = new ConcurrentHashMap<>();
        Map<String, String> lastCrashed = new ConcurrentHashMap<>();
        ExecutorService crasher = Executors.newFixedThreadPool(2);
        List<String> errors = new CopyOnWriteArrayList<>();
        ResourceEventHandler<Pod> crashing = new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        onUpdate(null, pod);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod pod) {
                        String key = pod.getMetadata().getLabels().get(Labels.INSTANCE) + "/"
                                + pod.getMetadata().getLabels().get(Labels.COMPONENT);
                        boolean running = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                                && pod.getMetadata().getDeletionTimestamp() == null;
                        if (!running || !victimSet.contains(key)) {
                            return;
                        }
                        synchronized (crashes) {
                            int done = crashes.getOrDefault(key, 0);
                            // crash each replacement once, as soon as it runs
                            if (done >= CRASHES_PER_VICTIM || pod.getMetadata().getName().equals(lastCrashed.get(key))) {
                                return;
                            }
                            crashes.put(key, done + 1);
                            lastCrashed.put(key, pod.getMetadata().getName());
                        }
                        crasher.execute(() -> {
                            try {
                                Pod crashed = harness.kubelet().terminate(OperatorHarness.NAMESPACE,
                                        pod.getMetadata().getName(), 1, "benchmark crash");
                                Instant at = Timestamps.parse(crashed.getStatus().getContainerStatuses().get(0)
                                        .getState().getTerminated().getFinishedAt());
                                failures.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(at);
                            } catch (RuntimeException e) {
                                errors.add(e.toString());
                            }
                        });
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {
                    }
                };
        int createsBefore = server.appliedPodCreates().size();
        pods.addEventHandler(crashing);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int expected = victims * CRASHES_PER_VICTIM;
        while (System.nanoTime() < deadline) {
            long replaced = server.appliedPodCreates().size() - createsBefore;
            if (replaced >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        pods.removeEventHandler(crashing);
        crasher.shutdown();
        assertThat(errors).as("crash errors").isEmpty();

        RestartPolicy policy = NO_RESET.toRestartPolicy();
        var creates = server.appliedPodCreates().subList(createsBefore, server.appliedPodCreates().size());
        Map<String, List<FaultInjectingDispatcher.PodCreate>> createsByWatcher = new TreeMap<>();
        for (var c : creates) {
            String name = c.name();
            int lastDash = name.lastIndexOf('-');
            String rest = name.substring(0, lastDash);
            int kindDash = rest.lastIndexOf('-');
            String key = rest.substring(0, kindDash) + "/" + rest.substring(kindDash + 1);
            createsByWatcher.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        ScaledClock clock = (ScaledClock) harness.clock();
        List<Reaction> reactions = new ArrayList<>();
        for (var e : createsByWatcher.entrySet()) {
            List<Instant> fails = failures.getOrDefault(e.getKey(), List.of());
            for (int i = 0; i < e.getValue().size() && i < fails.size(); i++) {
                var create = e.getValue().get(i);
                Instant due = fails.get(i).plus(policy.delayBeforeRestart(i + 1));
                double clockMillis = Duration.between(due, create.arrivedAt()).toNanos() / 1e6;
                var timing = harness.podCreateTiming(create.name()).orElseThrow();
                long dueNanos = clock.nanoTimeOf(due);
                reactions.add(new Reaction(clockMillis / SPEEDUP,
                        (timing.reconcileStartedNanos() - dueNanos) / 1e6,
                        (timing.sentNanos() - timing.reconcileStartedNanos()) / 1e6,
                        (clock.nanoTimeOf(create.arrivedAt()) - timing.sentNanos()) / 1e6));
            }
        }
        assertThat(reactions).as("measured restarts").hasSize(expected);
        return reactions;
    }

    /**
     * One restart's reaction (replacement created at the server minus the due time) and its parts:
     * waiting for the reconciliation to start after the due time (timer, queue, CPU), the
     * reconciliation's work before it sends the create, and the create request until the server has it.
     */
    record Reaction(double totalMillis, double waitMillis, double reconcileMillis, double requestMillis) {
    }

    private static List<Double> sorted(List<Reaction> reactions, ToDoubleFunction<Reaction> part) {
        return reactions.stream().map(part::applyAsDouble).sorted().toList();
    }

    private static double average(List<Reaction> reactions, ToDoubleFunction<Reaction> part) {
        return reactions.stream().mapToDouble(part).average().orElse(Double.NaN);
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** CPU seconds of the live threads, grouped: the mock server's (vert.x/netty) and the rest. */
    private static Map<String, Long> cpuByThreadGroup(ThreadMXBean threads) {
        Map<String, Long> result = new TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("vert.x") || name.contains("netty") || name.contains("MockWebServer")
                    ? "mock-server" : name.startsWith("ReconcilerExecutor") ? "reconcilers"
                    : name.startsWith("kubelet") ? "kubelet-sim" : "other";
            result.merge(group, cpu, Long::sum);
        }
        return result;
    }

    private static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
        return after.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1_000_000, (a, b) -> a, TreeMap::new));
    }
}
