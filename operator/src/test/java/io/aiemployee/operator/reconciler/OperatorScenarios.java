package io.aiemployee.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.ReclaimPolicy;
import io.aiemployee.operator.api.RestartPolicySpec;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.VaultSpec;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nine scenarios against the real JOSDK Operator. Subclasses choose where they run:
 * {@link OperatorScenariosTest} on the Fabric8 mock API server with the kubelet simulator (the
 * operator's clock 100 times faster), {@link K3sOperatorScenariosTest} on k3s in Testcontainers
 * (real time). Waits and intervals scale with the harness's speed-up.
 */
abstract class OperatorScenarios {

    /** A started harness whose operator clock runs (up to) {@code speedup} times faster than real time. */
    abstract OperatorHarness newHarness(double speedup);

    /** Generous: the build machine may be shared and heavily loaded. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String NS = OperatorHarness.NAMESPACE;

    OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = newHarness(100);
    }

    /** {@code realSeconds} of real time expressed in seconds on the operator's clock (at least 1). */
    int clockSeconds(double realSeconds) {
        return (int) Math.max(1, Math.round(realSeconds * harness.speedup()));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    AIEmployee awaitOnline(String name, int watchers) {
        return harness.awaitStatus(name, TIMEOUT, s -> s.systemStatus() == SystemStatus.Online
                && (watchers + "/" + watchers).equals(s.readyWatchers()));
    }

    WatcherStatus awaitWatcher(String name, WatcherKind kind, java.util.function.Predicate<WatcherStatus> condition) {
        harness.awaitStatus(name, TIMEOUT, s -> s.watcher(kind.id()).filter(condition).isPresent());
        return harness.watcher(name, kind);
    }

    @Test
    void scenario1_createGivesOnePodPerWatcherAndClaimAndOnline() {
        AIEmployee alice = harness.create(Employees.withAllWatchers("alice", 30));
        AIEmployee online = awaitOnline("alice", 4);
        assertThat(online.getStatus().message()).isEqualTo("System Online: All Watchers Active");
        assertThat(online.getStatus().restarts()).isZero();
        assertThat(online.getStatus().condition("Ready")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(online.getMetadata().getGeneration());
        });
        assertThat(online.getStatus().condition("Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));

        List<Pod> pods = harness.pods("alice");
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get(Labels.COMPONENT))
                .containsExactlyInAnyOrder("filesystem", "gmail", "whatsapp", "approval");
        for (Pod pod : pods) {
            var labels = pod.getMetadata().getLabels();
            assertThat(labels).containsEntry(Labels.NAME, "aiemployee").containsEntry(Labels.INSTANCE, "alice")
                    .containsEntry(Labels.MANAGED_BY, "aiemployee-operator").containsKey(Labels.COMPONENT);
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getUid()).isEqualTo(alice.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getKind()).isEqualTo("AIEmployee");
            });
            var spec = pod.getSpec();
            assertThat(spec.getRestartPolicy()).isEqualTo("Never");
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(spec.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("vault");
                assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("alice-vault");
            });
            var container = spec.getContainers().get(0);
            assertThat(container.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getName()).isEqualTo("vault");
                assertThat(m.getMountPath()).isEqualTo("/vault");
            });
            assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
            assertThat(container.getResources().getLimits()).containsKey("memory");
        }
        PersistentVolumeClaim claim = harness.client().persistentVolumeClaims().inNamespace(NS).withName("alice-vault").get();
        assertThat(claim).isNotNull();
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("1Gi");
        assertThat(harness.eventMessages("alice")).anyMatch(m -> m.contains("Gmail Inbox Watcher starting"));
    }

    @Test
    void scenario2_sixConsecutiveCrashesBackOff2_4_8_16_32_32Seconds() {
        // speed 5: the shortest wait (2 s) is 400 ms of real time, far longer than the operator's
        // reaction, so every BackingOff state is written and observable; the 94 s schedule takes ~19 s
        harness.close();
        harness = newHarness(5);
        harness.create(Employees.withAllWatchers("bob", 30));
        awaitOnline("bob", 4);
        List<Long> delays = new ArrayList<>();
        for (int crash = 1; crash <= 6; crash++) {
            WatcherStatus running = awaitWatcher("bob", WatcherKind.GMAIL, w -> w.phase() == WatcherPhase.Running);
            harness.terminate(running.podName(), 1, "Traceback: boom");
            int expected = crash;
            WatcherStatus failed = awaitWatcher("bob", WatcherKind.GMAIL,
                    w -> w.phase() == WatcherPhase.BackingOff && w.restartCount() == expected);
            assertThat(failed.lastExitCode()).isEqualTo(1);
            assertThat(failed.lastFailureMessage()).isEqualTo("Traceback: boom");
            assertThat(failed.podName()).isEqualTo(running.podName());
            delays.add(Duration.between(Timestamps.parse(failed.lastFailureTime()),
                    Timestamps.parse(failed.nextRestartTime())).toSeconds());
            // the replacement is a new pod, created no earlier than the recorded time
            WatcherStatus restarted = awaitWatcher("bob", WatcherKind.GMAIL,
                    w -> !w.podName().equals(running.podName()) && w.restartCount() == expected);
            assertThat(Timestamps.parse(restarted.lastRestartTime())).isAfterOrEqualTo(Timestamps.parse(failed.nextRestartTime()));
            // the crashed pod is kept (for kubectl logs) until the replacement runs, and never more than one
            assertThat(gmailPods("bob").size()).isLessThanOrEqualTo(2);
        }
        assertThat(delays).containsExactly(2L, 4L, 8L, 16L, 32L, 32L);
        assertThat(harness.get("bob").getStatus().restarts()).isEqualTo(6);
        assertThat(harness.eventMessages("bob"))
                .contains("WatcherFailed: Gmail Inbox Watcher failed (exit code 1), restarting in 4s (restart #2)");
        awaitWatcher("bob", WatcherKind.GMAIL, w -> w.phase() == WatcherPhase.Running);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(gmailPods("bob")).hasSize(1));
    }

    @Test
    void scenario3_operatorRestartedDuringBackoffRestartsAtThePersistedTimeAndKeepsCounting() {
        // an initial delay of ~3 s real (at least 10 s): long enough to stop and start the operator inside it
        int initial = Math.max(10, clockSeconds(3));
        var spec = Employees.spec(false, 30, new RestartPolicySpec(initial, 2 * initial, 604800), null,
                Employees.allFourWatchers());
        harness.create(Employees.with("carol", spec));
        awaitOnline("carol", 4);
        WatcherStatus running = awaitWatcher("carol", WatcherKind.FILESYSTEM, w -> w.phase() == WatcherPhase.Running);
        harness.terminate(running.podName(), 1, "crash");
        WatcherStatus backingOff = awaitWatcher("carol", WatcherKind.FILESYSTEM, w -> w.phase() == WatcherPhase.BackingOff);
        var due = Timestamps.parse(backingOff.nextRestartTime());

        harness.stopOperator();
        harness.startOperator();
        // the new operator neither restarts early nor forgets the schedule
        awaitWatcher("carol", WatcherKind.FILESYSTEM, w -> w.phase() == WatcherPhase.Pending || w.phase() == WatcherPhase.Running);
        WatcherStatus restarted = harness.watcher("carol", WatcherKind.FILESYSTEM);
        assertThat(restarted.restartCount()).isEqualTo(1);
        assertThat(Timestamps.parse(restarted.lastRestartTime())).isAfterOrEqualTo(due);

        // and the count continues: the next failure is restart #2 with the doubled delay
        WatcherStatus second = awaitWatcher("carol", WatcherKind.FILESYSTEM, w -> w.phase() == WatcherPhase.Running);
        harness.terminate(second.podName(), 1, "crash again");
        WatcherStatus again = awaitWatcher("carol", WatcherKind.FILESYSTEM,
                w -> w.phase() == WatcherPhase.BackingOff && w.restartCount() == 2);
        assertThat(Duration.between(Timestamps.parse(again.lastFailureTime()), Timestamps.parse(again.nextRestartTime())))
                .isEqualTo(Duration.ofSeconds(2L * initial));
    }

    @Test
    void scenario4_exit78IsAConfigErrorWithoutRestartsUntilTheSpecChanges() {
        harness.create(Employees.withAllWatchers("dave", 5));
        awaitOnline("dave", 4);
        WatcherStatus running = awaitWatcher("dave", WatcherKind.GMAIL, w -> w.phase() == WatcherPhase.Running);
        harness.terminate(running.podName(), 78, "Gmail token missing: run 'watcher gmail setup'");
        WatcherStatus error = awaitWatcher("dave", WatcherKind.GMAIL, w -> w.phase() == WatcherPhase.ConfigError);
        assertThat(error.lastFailureMessage()).isEqualTo("Gmail token missing: run 'watcher gmail setup'");
        assertThat(error.lastExitCode()).isEqualTo(78);
        assertThat(harness.get("dave").getStatus().systemStatus()).isEqualTo(SystemStatus.Degraded);

        // several health checks later (every 5 s on the operator's clock): still no new pod
        long reconcilesBefore = harness.reconciliations();
        await().atMost(TIMEOUT).until(() -> harness.reconciliations() - reconcilesBefore >= 5);
        assertThat(gmailPods("dave")).extracting(p -> p.getMetadata().getName()).containsExactly(running.podName());
        assertThat(harness.watcher("dave", WatcherKind.GMAIL).phase()).isEqualTo(WatcherPhase.ConfigError);
        assertThat(harness.eventMessages("dave")).filteredOn(m -> m.startsWith("ConfigError")).hasSize(1);

        harness.edit("dave", aie -> {
            var w = aie.getSpec().watchers();
            var gmail = w.gmail();
            aie.setSpec(new AIEmployeeSpec(false, 5, null, null, new WatchersSpec(w.filesystem(),
                    new GmailWatcherSpec(true, null, null, null, "gmail-token-v2", null, null), w.whatsapp(), w.approval())));
            return aie;
        });
        WatcherStatus retried = awaitWatcher("dave", WatcherKind.GMAIL, w -> w.phase() == WatcherPhase.Running);
        assertThat(retried.podName()).isNotEqualTo(running.podName());
        awaitOnline("dave", 4);
    }

    @Test
    void scenario5_disablingDeletesThePodAndSuspendResumes() {
        harness.create(Employees.withAllWatchers("erin", 30));
        awaitOnline("erin", 4);
        harness.edit("erin", aie -> {
            var w = aie.getSpec().watchers();
            aie.setSpec(new AIEmployeeSpec(false, 30, null, null, new WatchersSpec(w.filesystem(), w.gmail(), w.whatsapp(),
                    new ApprovalWatcherSpec(false, null, null, null, true, null))));
            return aie;
        });
        awaitOnline("erin", 3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(harness.pods("erin"))
                .extracting(p -> p.getMetadata().getLabels().get(Labels.COMPONENT)).doesNotContain("approval").hasSize(3));
        assertThat(harness.watcher("erin", WatcherKind.APPROVAL).phase()).isEqualTo(WatcherPhase.Disabled);

        harness.edit("erin", aie -> {
            var s = aie.getSpec();
            aie.setSpec(new AIEmployeeSpec(true, s.healthCheckIntervalSeconds(), null, null, s.watchers()));
            return aie;
        });
        var offline = harness.awaitStatus("erin", TIMEOUT, s -> s.systemStatus() == SystemStatus.Offline);
        assertThat(offline.getStatus().message()).isEqualTo("System Offline: Suspended");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(harness.pods("erin")).isEmpty());

        harness.edit("erin", aie -> {
            var s = aie.getSpec();
            aie.setSpec(new AIEmployeeSpec(false, s.healthCheckIntervalSeconds(), null, null, s.watchers()));
            return aie;
        });
        awaitOnline("erin", 3);
        assertThat(harness.pods("erin")).hasSize(3);
        assertThat(harness.get("erin").getStatus().restarts()).isZero();
    }

    @Test
    void scenario6_podDeletedFromOutsideIsRecreatedAndCounted() {
        harness.create(Employees.withAllWatchers("frank", 30));
        awaitOnline("frank", 4);
        WatcherStatus running = harness.watcher("frank", WatcherKind.FILESYSTEM);
        harness.client().pods().inNamespace(NS).withName(running.podName()).delete();
        WatcherStatus replaced = awaitWatcher("frank", WatcherKind.FILESYSTEM,
                w -> w.phase() == WatcherPhase.Running && !w.podName().equals(running.podName()));
        assertThat(replaced.restartCount()).isEqualTo(1);
        assertThat(replaced.lastFailureMessage()).contains(running.podName());
        assertThat(harness.get("frank").getStatus().restarts()).isEqualTo(1);
    }

    @Test
    void scenario7_claimIsRetainedByDefaultAndOwnedWithReclaimPolicyDelete() throws InterruptedException {
        AIEmployee kept = harness.create(Employees.withAllWatchers("gina", 30));
        AIEmployee owned = harness.create(Employees.with("hank", Employees.spec(false, 30, null,
                new VaultSpec("2Gi", null, null, ReclaimPolicy.Delete), Employees.allFourWatchers())));
        awaitOnline("gina", 4);
        awaitOnline("hank", 4);

        var retained = harness.client().persistentVolumeClaims().inNamespace(NS).withName("gina-vault").get();
        assertThat(retained.getMetadata().getOwnerReferences()).isEmpty();
        var deleted = harness.client().persistentVolumeClaims().inNamespace(NS).withName("hank-vault").get();
        assertThat(deleted.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(owned.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        // every pod is owned by its AIEmployee, so the garbage collector removes it with the resource
        assertThat(harness.pods("gina")).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> assertThat(ref.getUid()).isEqualTo(kept.getMetadata().getUid())));

        int writesBefore = harness.operatorWrites().size();
        harness.client().resource(kept).delete();
        await().atMost(TIMEOUT).until(() -> harness.get("gina") == null);
        Thread.sleep(500);
        assertThat(harness.client().persistentVolumeClaims().inNamespace(NS).withName("gina-vault").get()).isNotNull();
        assertThat(harness.operatorWrites()).as("the operator's writes are counted").isNotEmpty();
        assertThat(harness.operatorWrites()).noneMatch(w -> w.method().equals("DELETE")
                && w.path().contains("persistentvolumeclaims"));
        assertThat(harness.operatorWrites().subList(writesBefore, harness.operatorWrites().size()))
                .noneMatch(w -> w.path().contains("gina-vault"));
        if (harness.isRealCluster()) {
            // a real garbage collector removes the owned claim with its AIEmployee
            harness.client().resource(owned).delete();
            await().atMost(TIMEOUT).until(() ->
                    harness.client().persistentVolumeClaims().inNamespace(NS).withName("hank-vault").get() == null);
        }
    }

    @Test
    void scenario8_steadyStateHealthChecksWriteNothing() {
        // a health check every ~100 ms of real time (every second on a real cluster)
        harness.create(Employees.withAllWatchers("ivy", clockSeconds(0.1)));
        awaitOnline("ivy", 4);
        // let the last status patch and its events settle
        await().atMost(TIMEOUT).until(() -> {
            int before = harness.operatorWrites().size();
            Thread.sleep(300);
            return harness.operatorWrites().size() == before;
        });
        int writesBefore = harness.operatorWrites().size();
        assertThat(writesBefore).as("the operator's writes are counted").isGreaterThan(5);
        long reconcilesBefore = harness.reconciliations();
        await().atMost(TIMEOUT).until(() -> harness.reconciliations() - reconcilesBefore >= 5);
        assertThat(harness.operatorWrites().subList(writesBefore, harness.operatorWrites().size()))
                .as("writes during five health checks").isEmpty();
    }

    @Test
    void scenario9_invalidSpecGetsInvalidSpecConditionWhileOthersReconcile() {
        var bad = Employees.spec(false, 30, new RestartPolicySpec(60, 10, null), null,
                new WatchersSpec(null, new GmailWatcherSpec(true, null, null, null, null, null, null), null, null));
        harness.create(Employees.with("bad", bad));
        harness.create(Employees.withAllWatchers("good", 30));

        var invalid = harness.awaitStatus("bad", TIMEOUT, s -> s.condition("Ready").isPresent());
        assertThat(invalid.getStatus().condition("Ready")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).contains("spec.restartPolicy.maxDelaySeconds")
                    .contains("spec.watchers.gmail.credentialsSecret");
        });
        assertThat(invalid.getStatus().systemStatus()).isEqualTo(SystemStatus.Degraded);
        assertThat(harness.pods("bad")).isEmpty();
        awaitOnline("good", 4);
        assertThat(harness.eventMessages("bad")).anyMatch(m -> m.startsWith("InvalidSpec"));

        // fixing the spec clears the condition
        harness.edit("bad", aie -> {
            aie.setSpec(Employees.spec(false, 30, new RestartPolicySpec(2, 32, null), null, Employees.allFourWatchers()));
            return aie;
        });
        awaitOnline("bad", 4);
    }

    @Test
    void statusVaultWrittenByTheVaultKeeperIsNeverOverwritten() {
        harness.create(Employees.withAllWatchers("jack", 30));
        awaitOnline("jack", 4);
        var vault = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("needsAction", 3);
        harness.editStatus("jack", aie -> {
            var s = aie.getStatus();
            aie.setStatus(new io.aiemployee.operator.api.AIEmployeeStatus(s.observedGeneration(), s.systemStatus(),
                    s.message(), s.readyWatchers(), s.restarts(), s.watchers(), s.conditions(), vault));
            return aie;
        });
        WatcherStatus running = harness.watcher("jack", WatcherKind.APPROVAL);
        harness.terminate(running.podName(), 1, "crash");
        var after = harness.awaitStatus("jack", TIMEOUT, s -> s.restarts() == 1);
        assertThat(after.getStatus().vault()).isEqualTo(vault);
        awaitOnline("jack", 4);
        assertThat(harness.get("jack").getStatus().vault()).isEqualTo(vault);
    }

    private List<Pod> gmailPods(String name) {
        return harness.pods(name).stream()
                .filter(p -> "gmail".equals(p.getMetadata().getLabels().get(Labels.COMPONENT))).toList();
    }
}
