package io.aiemployee.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.RestartPolicySpec;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.restart.RestartPolicy;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stops the operator at random moments, over and over, while 20 AIEmployees' watchers keep crashing,
 * and checks the promises that must survive an operator restart: never two live pods for one watcher,
 * restart counts never go down, every crash gets exactly one replacement no earlier than its backoff
 * (the due time recorded in the status is computed from the failure, so a restart neither skips nor
 * repeats a backoff), and everything converges.
 *
 * <p>The seed is printed; rerun a failing sequence with {@code -Dfaults.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorKillFaultTest {

    static final double SPEEDUP = 10;
    static final int EMPLOYEES = 20;
    static final int ROUNDS = 20;
    static final int MAX_CRASHES_PER_WATCHER = 3;
    /** No count reset during the test: any decrease of a restart count is a bug. */
    static final RestartPolicySpec NO_RESET = new RestartPolicySpec(2, 32, 604800);
    static final RestartPolicy POLICY = NO_RESET.toRestartPolicy();
    static final Pattern POD_NAME = Pattern.compile("^(.*)-(filesystem|gmail|whatsapp|approval)-(\\d+)$");

    OperatorHarness harness;
    ClusterWatch watch;
    FaultInjectingDispatcher server;
    /** Pod name -> when the test crashed it (its container's finishedAt). */
    final Map<String, Instant> crashes = new ConcurrentHashMap<>();
    /** Clock intervals during which the operator was running (start returned .. stop called). */
    final List<Instant[]> upIntervals = new ArrayList<>();
    String instance;
    final List<String> informerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    void close() {
        if (watch != null) {
            watch.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** The scenario runs once; the tests below check what it left behind. */
    @BeforeAll
    @Timeout(180)
    void killTheOperatorTwentyTimesWhileWatchersCrashThenConverge() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("OperatorKillFaultTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        Random random = new Random(seed);
        harness = OperatorHarness.onMockServer(SPEEDUP, d -> server = new FaultInjectingDispatcher(d));
        server.useClock(harness.clock());
        watch = new ClusterWatch(harness.client());

        for (int i = 0; i < EMPLOYEES; i++) {
            harness.create(Employees.with(name(i),
                    new AIEmployeeSpec(false, 30, NO_RESET, null, Employees.allFourWatchers())));
        }
        AtomicBoolean chaos = new AtomicBoolean(true);
        Thread crasher = new Thread(() -> crashRandomPods(new Random(random.nextLong()), chaos), "crasher");
        crasher.start();
        for (int round = 0; round < ROUNDS; round++) {
            startOperator();
            Thread.sleep(20 + random.nextInt(400));
            stopOperator();
            Thread.sleep(random.nextInt(200));
        }
        chaos.set(false);
        crasher.join();
        startOperator();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (int i = 0; i < EMPLOYEES; i++) {
                var status = harness.get(name(i)).getStatus();
                assertThat(status).as(name(i)).isNotNull();
                assertThat(status.systemStatus()).as(name(i)).isEqualTo(SystemStatus.Online);
                assertThat(status.readyWatchers()).as(name(i)).isEqualTo("4/4");
                var pods = harness.pods(name(i));
                assertThat(pods).as("pods of " + name(i)).hasSize(4)
                        .allMatch(p -> "Running".equals(p.getStatus().getPhase()));
            }
        });
        stopOperator();
        System.out.println("OperatorKillFaultTest: " + ROUNDS + " operator stops, " + crashes.size()
                + " watcher crashes, " + server.appliedPodCreates().size() + " pods created");
    }

    @Test
    void neverTwoLivePodsForOneWatcherAndRestartCountsNeverGoDown() {
        assertThat(watch.violations()).as("invariant violations seen in the watch stream").isEmpty();
        assertThat(informerFailures).as("informers of live operator instances that died").isEmpty();
        // how many depends on the machine's speed (pods must reach Running between kills): 8 on a machine
        // with load average 25 on 2 cores, 20-70 on a quieter one
        assertThat(crashes).as("the test must actually crash watchers").isNotEmpty();
    }

    @Test
    void everyCrashGetsExactlyOneReplacementAfterTheFailure() {
        for (var entry : createsByWatcher().entrySet()) {
            List<FaultInjectingDispatcher.PodCreate> creates = entry.getValue();
            long crashed = creates.stream().filter(c -> crashes.containsKey(c.name())).count();
            // one initial pod, then one replacement per crash: none skipped, none duplicated
            assertThat(creates).as("pods created for " + entry.getKey()).hasSize(1 + (int) crashed);
            for (int n = 1; n < creates.size(); n++) {
                Instant crashedAt = crashes.get(creates.get(n - 1).name());
                assertThat(crashedAt).as(creates.get(n).name() + " replaces " + creates.get(n - 1).name()
                        + ", which never crashed").isNotNull();
                assertThat(creates.get(n).arrivedAt()).as("restart #" + n + " of " + entry.getKey()
                        + " waits at least the first backoff").isAfterOrEqualTo(crashedAt.plus(POLICY.delayBeforeRestart(1)));
            }
        }
    }

    @Test
    void backoffsFollowTheRestartCountAcrossKills() {
        checkEveryCrashGotExactlyOneTimelyReplacement();
        checkRecordedBackoffs();
        checkFinalRestartCounts();
    }

    private Map<String, List<FaultInjectingDispatcher.PodCreate>> createsByWatcher() {
        Map<String, List<FaultInjectingDispatcher.PodCreate>> result = new HashMap<>();
        for (var create : server.appliedPodCreates()) {
            if (!isWatcherPod(create.name())) {
                continue; // the vault-keeper
            }
            result.computeIfAbsent(watcherOf(create.name()), k -> new ArrayList<>()).add(create);
        }
        assertThat(result).hasSize(EMPLOYEES * 4);
        return result;
    }

    private void checkEveryCrashGotExactlyOneTimelyReplacement() {
        Map<String, List<FaultInjectingDispatcher.PodCreate>> createsByWatcher = new HashMap<>();
        for (var create : server.appliedPodCreates()) {
            if (isWatcherPod(create.name())) {
                createsByWatcher.computeIfAbsent(watcherOf(create.name()), k -> new ArrayList<>()).add(create);
            }
        }
        assertThat(createsByWatcher).hasSize(EMPLOYEES * 4);
        int checkedPromptness = 0;
        for (var entry : createsByWatcher.entrySet()) {
            List<FaultInjectingDispatcher.PodCreate> creates = entry.getValue();
            long crashed = creates.stream().filter(c -> crashes.containsKey(c.name())).count();
            // one initial pod, then one replacement per crash: none skipped, none duplicated
            assertThat(creates).as("pods created for " + entry.getKey()).hasSize(1 + (int) crashed);
            for (int n = 1; n < creates.size(); n++) {
                var predecessor = creates.get(n - 1);
                var replacement = creates.get(n);
                Instant crashedAt = crashes.get(predecessor.name());
                assertThat(crashedAt).as(replacement.name() + " replaces " + predecessor.name() + ", which never crashed")
                        .isNotNull();
                Instant due = crashedAt.plus(POLICY.delayBeforeRestart(n));
                assertThat(replacement.arrivedAt()).as("restart #" + n + " of " + entry.getKey()
                        + " must wait its backoff " + POLICY.delayBeforeRestart(n)).isAfterOrEqualTo(due);
                // not asserted (depends on the machine's load), reported: restarts that came later than one
                // more backoff although the operator was up all the time
                Instant lateBy = due.plus(POLICY.delayBeforeRestart(n));
                if (operatorUpThroughout(crashedAt, lateBy) && !replacement.arrivedAt().isBefore(lateBy)) {
                    checkedPromptness++;
                }
            }
        }
        System.out.println("OperatorKillFaultTest: " + checkedPromptness + " restarts came more than one backoff late "
                + "while the operator was up (load; a repeated backoff is excluded by the recorded due times)");
    }

    /** Every BackingOff status ever recorded schedules the restart at failure time + backoff(restart number). */
    private void checkRecordedBackoffs() {
        int checked = 0;
        for (int i = 0; i < EMPLOYEES; i++) {
            for (var status : watch.statusHistory(name(i))) {
                if (status.watchers() == null) {
                    continue;
                }
                for (WatcherStatus w : status.watchers()) {
                    if (w.phase() != WatcherPhase.BackingOff) {
                        continue;
                    }
                    checked++;
                    Instant crashedAt = crashes.get(w.podName());
                    assertThat(crashedAt).as("BackingOff for a pod the test never crashed: " + w.podName()).isNotNull();
                    assertThat(Timestamps.parse(w.lastFailureTime())).as("failure time of " + w.podName())
                            .isEqualTo(crashedAt);
                    assertThat(Timestamps.parse(w.nextRestartTime())).as("next restart of " + w.podName())
                            .isEqualTo(crashedAt.plus(POLICY.delayBeforeRestart(w.restartCount())));
                }
            }
        }
        // none are seen when every failure is first reconciled after its due time (a loaded machine): then
        // the replacement timing checked above is what proves the backoff
        System.out.println("OperatorKillFaultTest: " + checked + " BackingOff statuses checked");
    }

    private void checkFinalRestartCounts() {
        Map<String, Integer> crashesByWatcher = new HashMap<>();
        crashes.keySet().forEach(pod -> crashesByWatcher.merge(watcherOf(pod), 1, Integer::sum));
        for (int i = 0; i < EMPLOYEES; i++) {
            var status = harness.get(name(i)).getStatus();
            for (WatcherStatus w : status.watchers()) {
                assertThat(w.restartCount()).as("restarts of " + name(i) + "/" + w.name())
                        .isEqualTo(crashesByWatcher.getOrDefault(name(i) + "/" + w.name(), 0));
            }
        }
    }

    /** Crashes the current, running pod of a random watcher every few milliseconds. */
    private void crashRandomPods(Random random, AtomicBoolean running) {
        Map<String, Integer> perWatcher = new HashMap<>();
        while (running.get()) {
            try {
                Thread.sleep(10 + random.nextInt(40));
                List<Pod> candidates = harness.client().pods().inNamespace(OperatorHarness.NAMESPACE)
                        .withLabelSelector(Labels.MANAGED_SELECTOR).list().getItems().stream()
                        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .filter(p -> isWatcherPod(p.getMetadata().getName()))
                        .filter(p -> perWatcher.getOrDefault(ClusterWatch.watcherKey(p), 0) < MAX_CRASHES_PER_WATCHER)
                        .toList();
                if (candidates.isEmpty()) {
                    continue;
                }
                Pod victim = candidates.get(random.nextInt(candidates.size()));
                Pod crashed = harness.kubelet().terminate(OperatorHarness.NAMESPACE, victim.getMetadata().getName(), 1,
                        "injected crash");
                String finishedAt = crashed.getStatus().getContainerStatuses().get(0).getState().getTerminated()
                        .getFinishedAt();
                crashes.put(victim.getMetadata().getName(), Timestamps.parse(finishedAt));
                perWatcher.merge(ClusterWatch.watcherKey(victim), 1, Integer::sum);
            } catch (KubernetesClientException e) {
                // the pod went away between list and terminate: not a crash
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Up intervals are generous: from before start is called until stop has returned. */
    private void startOperator() {
        synchronized (upIntervals) {
            upIntervals.add(new Instant[] {harness.clock().instant(), null});
            instance = OperatorHarness.OPERATOR_AGENT + "#" + upIntervals.size();
        }
        String thisInstance = instance;
        // JOSDK's default handler exits the JVM when an informer dies; killing an instance can cut a watch
        // event in half, which must not take the test JVM down. An informer of a live instance dying is a failure.
        harness.startOperator(java.util.Set.of(), instance, overrider -> overrider.withInformerStoppedHandler(
                (informer, error) -> {
                    if (!server.isFenced(thisInstance)) {
                        informerFailures.add(thisInstance + ": " + error);
                    }
                }));
    }

    /** Kill: fence the instance at the server first, then stop it. */
    private void stopOperator() {
        server.fence(instance);
        harness.stopOperator();
        synchronized (upIntervals) {
            upIntervals.get(upIntervals.size() - 1)[1] = harness.clock().instant();
        }
    }

    private boolean operatorUpThroughout(Instant from, Instant to) {
        synchronized (upIntervals) {
            return upIntervals.stream().anyMatch(iv -> !iv[0].isAfter(from) && (iv[1] == null || !iv[1].isBefore(to)));
        }
    }

    private boolean operatorUpAt(Instant at) {
        return operatorUpThroughout(at, at);
    }

    static boolean isWatcherPod(String podName) {
        return POD_NAME.matcher(podName).matches();
    }

    static String watcherOf(String podName) {
        Matcher m = POD_NAME.matcher(podName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a watcher pod name: " + podName);
        }
        return m.group(1) + "/" + m.group(2);
    }

    static String name(int i) {
        return String.format("emp-%02d", i);
    }
}
