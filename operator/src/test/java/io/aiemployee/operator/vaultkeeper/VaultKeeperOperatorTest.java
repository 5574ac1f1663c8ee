package io.aiemployee.operator.vaultkeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.SystemStatus;
import io.aiemployee.operator.api.VaultReport;
import io.aiemployee.operator.api.WatcherPhase;
import io.aiemployee.operator.api.WatcherStatus;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.resources.VaultKeeperRole;
import io.aiemployee.operator.status.Conditions;
import io.aiemployee.operator.status.StatusAggregator;
import io.aiemployee.operator.testing.Employees;
import io.aiemployee.operator.testing.OperatorHarness;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side of the vault-keeper on the mock API server with the kubelet simulator: the
 * keeper's pod and access, its restarts, its status report surviving the operator's status patches,
 * and the deletion finalizer, with and without a keeper that answers. The operator's clock runs 100
 * times faster, so the 30 s bound takes 0.3 s.
 */
class VaultKeeperOperatorTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String NS = OperatorHarness.NAMESPACE;
    static final String KEEPER = "vault-keeper";

    @TempDir
    Path vault;
    OperatorHarness harness;

    @BeforeEach
    void start() {
        harness = OperatorHarness.onMockServer(100).startOperator();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    AIEmployee awaitOnline(String name) {
        return harness.awaitStatus(name, TIMEOUT, s -> s.systemStatus() == SystemStatus.Online
                && s.watcher(KEEPER).map(w -> w.phase() == WatcherPhase.Running).orElse(false));
    }

    WatcherStatus awaitKeeper(String name, Predicate<WatcherStatus> condition) {
        return harness.awaitStatus(name, TIMEOUT, s -> s.watcher(KEEPER).filter(condition).isPresent())
                .getStatus().watcher(KEEPER).orElseThrow();
    }

    RunningKeeper keeperFor(String name) {
        return new RunningKeeper(harness.client(), NS, name, vault, harness.clock());
    }

    static void assertOwnedBy(HasMetadata object, AIEmployee owner) {
        assertThat(object).as("object").isNotNull();
        assertThat(object.getMetadata().getOwnerReferences()).as(object.getKind()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
            assertThat(ref.getKind()).isEqualTo("AIEmployee");
            assertThat(ref.getController()).isTrue();
        });
    }

    @Test
    void runsOneKeeperPodWithItsOwnServiceAccountAndARoleLimitedToItsAIEmployee() {
        AIEmployee alice = harness.create(Employees.withAllWatchers("alice", 30));
        AIEmployee online = awaitOnline("alice");
        assertThat(online.getStatus().readyWatchers()).as("the keeper is shown, not counted").isEqualTo("4/4");
        assertThat(online.getStatus().watchers()).extracting(WatcherStatus::name)
                .containsExactly("filesystem", "gmail", "whatsapp", "approval", KEEPER);

        Pod pod = harness.keeperPods("alice").stream().findFirst().orElseThrow();
        assertThat(pod.getMetadata().getName()).isEqualTo("alice-vault-keeper-1");
        assertOwnedBy(pod, alice);
        var spec = pod.getSpec();
        assertThat(spec.getServiceAccountName()).isEqualTo("alice-vault-keeper");
        assertThat(spec.getAutomountServiceAccountToken()).isTrue();
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(spec.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("alice-vault"));
        var container = spec.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/aiemployee/operator:0.1.0");
        assertThat(container.getCommand()).containsExactly("aiemployee");
        assertThat(container.getArgs()).containsExactly("vault-keeper", "--vault", "/vault", "--health-port", "8080");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/vault"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("AIEMPLOYEE_NAME");
            assertThat(e.getValue()).isEqualTo("alice");
        }).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("AIEMPLOYEE_NAMESPACE");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
        // the watchers still get no token
        assertThat(harness.pods("alice")).allSatisfy(p -> assertThat(p.getSpec().getAutomountServiceAccountToken()).isFalse());

        ServiceAccount account = harness.client().serviceAccounts().inNamespace(NS).withName("alice-vault-keeper").get();
        assertOwnedBy(account, alice);
        Role role = harness.client().rbac().roles().inNamespace(NS).withName("alice-vault-keeper").get();
        assertOwnedBy(role, alice);
        assertThat(role.getRules()).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("aiemployee.io");
            assertThat(rule.getResourceNames()).containsExactly("alice");
        });
        assertThat(role.getRules().get(0).getResources()).containsExactly("aiemployees");
        assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "list", "watch");
        assertThat(role.getRules().get(1).getResources()).containsExactly("aiemployees/status");
        assertThat(role.getRules().get(1).getVerbs()).containsExactly("patch");
        assertThat(role.getRules()).isEqualTo(VaultKeeperRole.rules("alice"));
        RoleBinding binding = harness.client().rbac().roleBindings().inNamespace(NS).withName("alice-vault-keeper").get();
        assertOwnedBy(binding, alice);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("alice-vault-keeper");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("alice-vault-keeper");
            assertThat(s.getNamespace()).isEqualTo(NS);
        });
    }

    @Test
    void aCrashedKeeperIsRestartedWithTheWatchersBackoffWithoutDegradingTheSystem() {
        harness.create(Employees.withAllWatchers("bob", 30));
        awaitOnline("bob");
        WatcherStatus running = awaitKeeper("bob", w -> w.phase() == WatcherPhase.Running);
        harness.kubelet().terminate(NS, running.podName(), 1, "Vault Keeper crashed: boom");

        WatcherStatus failed = awaitKeeper("bob", w -> w.restartCount() == 1 && w.lastFailureTime() != null);
        assertThat(failed.lastExitCode()).isEqualTo(1);
        assertThat(failed.lastFailureMessage()).isEqualTo("Vault Keeper crashed: boom");
        if (failed.nextRestartTime() != null) {
            assertThat(Duration.between(Timestamps.parse(failed.lastFailureTime()),
                    Timestamps.parse(failed.nextRestartTime()))).isEqualTo(Duration.ofSeconds(2));
        }
        WatcherStatus restarted = awaitKeeper("bob", w -> w.phase() == WatcherPhase.Running && w.restartCount() == 1
                && !w.podName().equals(running.podName()));
        assertThat(restarted.podName()).isEqualTo("bob-vault-keeper-2");
        assertThat(Timestamps.parse(restarted.lastRestartTime()))
                .isAfterOrEqualTo(Timestamps.parse(failed.lastFailureTime()).plusSeconds(2));
        assertThat(harness.eventMessages("bob")).anyMatch(m -> m.contains("Vault Keeper failed (exit code 1), restarting in 2s (restart #1)"));
        AIEmployee after = harness.get("bob");
        assertThat(after.getStatus().systemStatus()).isEqualTo(SystemStatus.Online);
        assertThat(after.getStatus().restarts()).as("RESTARTS counts the watchers").isZero();
    }

    @Test
    void folderCountsReportedByTheKeeperSurviveTheOperatorsNextStatusPatch() throws Exception {
        harness.create(Employees.withAllWatchers("carol", 30));
        awaitOnline("carol");
        Files.createDirectories(vault.resolve("Pending_Approval"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(vault.resolve("Pending_Approval/APPROVAL_" + i + ".md"), "approve?");
        }
        try (var keeper = keeperFor("carol")) {
            harness.awaitStatus("carol", TIMEOUT, s -> VaultReport.of(s).map(VaultReport::pendingApproval).orElse(-1) == 3);
        }
        // the keeper is stopped: whatever happens to status.vault now is the operator's doing
        int statusPatchesBefore = operatorStatusPatches();
        WatcherStatus gmail = harness.watcher("carol", WatcherKind.GMAIL);
        harness.kubelet().terminate(NS, gmail.podName(), 1, "Traceback: boom");
        AIEmployee patched = harness.awaitStatus("carol", TIMEOUT, s -> s.watcher("gmail")
                .map(w -> w.restartCount() == 1).orElse(false));
        await().atMost(TIMEOUT).until(() -> operatorStatusPatches() > statusPatchesBefore);
        assertThat(VaultReport.of(harness.get("carol").getStatus()).orElseThrow().pendingApproval()).isEqualTo(3);
        assertThat(VaultReport.of(patched.getStatus()).orElseThrow().pendingApproval()).isEqualTo(3);
    }

    @Test
    void deletionStopsTheWatchersMarksOfflineWaitsForTheKeepersOfflineRowThenRemovesTheFinalizer() throws Exception {
        AIEmployee dave = harness.create(Employees.withAllWatchers("dave", 30));
        awaitOnline("dave");
        assertThat(harness.get("dave").getMetadata().getFinalizers()).isNotEmpty();
        try (var keeper = keeperFor("dave")) {
            await().atMost(TIMEOUT).until(() -> dashboard().contains("System Online: All Watchers Active"));
            AtomicReference<String> dashboardWhenGone = new AtomicReference<>();
            harness.client().resource(harness.get("dave")).delete();

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> {
                if (harness.get("dave") == null) {
                    dashboardWhenGone.set(dashboard());
                    return true;
                }
                return false;
            });
            // the Offline row was in the file before Kubernetes could remove the AIEmployee
            assertThat(dashboardWhenGone.get()).contains("✗ Offline").contains(StatusAggregator.DELETED_MESSAGE);
            assertThat(harness.eventMessages("dave")).noneMatch(m -> m.startsWith("VaultKeeper"));
        }
        // the watchers were stopped by the operator; the rest is the garbage collector's (owner references)
        assertThat(harness.pods("dave")).isEmpty();
        assertThat(harness.operatorWrites()).filteredOn(w -> w.method().equals("DELETE") && w.path().contains("/pods/dave-"))
                .hasSize(4).noneMatch(w -> w.path().contains("vault-keeper"));
        assertThat(harness.keeperPods("dave")).singleElement().satisfies(p -> assertOwnedBy(p, dave));
        assertOwnedBy(harness.client().rbac().roles().inNamespace(NS).withName("dave-vault-keeper").get(), dave);
        assertOwnedBy(harness.client().serviceAccounts().inNamespace(NS).withName("dave-vault-keeper").get(), dave);
        assertOwnedBy(harness.client().rbac().roleBindings().inNamespace(NS).withName("dave-vault-keeper").get(), dave);
        // reclaimPolicy Retain: the user's vault stays, unowned and not deleted
        assertThat(harness.client().persistentVolumeClaims().inNamespace(NS).withName("dave-vault").get()
                .getMetadata().getOwnerReferences()).isEmpty();
        assertThat(harness.operatorWrites()).noneMatch(w -> w.method().equals("DELETE") && w.path().contains("persistentvolumeclaims"));
        // JOSDK removes the finalizer with a JSON patch against the object the cleanup got; it applies
        // only if the cleanup's own status patch was carried into that object
        assertThat(harness.requests().unappliedPatches()).as("patches made from a stale copy").isEmpty();
    }

    @Test
    void whenTheKeeperNeverAnswersTheFinalizerIsRemovedThirtySecondsAfterTheOperatorBegan() {
        harness.create(Employees.withAllWatchers("erin", 30));
        awaitOnline("erin");
        // the keeper pod runs (as far as the kubelet says) but nothing answers: no in-process keeper
        harness.client().resource(harness.get("erin")).delete();

        AIEmployee offline = harness.awaitStatus("erin", TIMEOUT, s -> s.systemStatus() == SystemStatus.Offline
                && s.condition(Conditions.TERMINATING).isPresent());
        assertThat(offline.getStatus().message()).isEqualTo("System Offline: AIEmployee Deleted");
        assertThat(offline.getStatus().watchers()).filteredOn(w -> !w.name().equals(KEEPER))
                .hasSize(4).allSatisfy(w -> assertThat(w.phase()).isEqualTo(WatcherPhase.Stopped));
        assertThat(offline.getStatus().readyWatchers()).isEqualTo("0/4");
        Instant began = Timestamps.parse(offline.getStatus().condition(Conditions.TERMINATING).orElseThrow().getLastTransitionTime());

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(2)).until(() -> harness.get("erin") == null);
        Instant gone = harness.clock().instant();
        assertThat(Duration.between(began, gone)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(30 + 20));
        assertThat(harness.eventMessages("erin")).anyMatch(m -> m.startsWith("VaultKeeperTimeout"));
        assertThat(harness.pods("erin")).isEmpty();
    }

    @Test
    void withNoKeeperRunningDeletionDoesNotWait() {
        harness.create(Employees.withAllWatchers("fay", 30));
        awaitOnline("fay");
        harness.kubelet().setAutoRun(false);
        // the keeper crashes and backs off (its replacement stays Pending): nobody can write the row
        WatcherStatus keeper = awaitKeeper("fay", w -> w.phase() == WatcherPhase.Running);
        harness.kubelet().terminate(NS, keeper.podName(), 1, "boom");
        awaitKeeper("fay", w -> w.restartCount() == 1);
        harness.client().resource(harness.get("fay")).delete();

        await().atMost(TIMEOUT).until(() -> harness.get("fay") == null);
        assertThat(harness.eventMessages("fay")).anyMatch(m -> m.startsWith("VaultKeeperNotRunning"))
                .noneMatch(m -> m.startsWith("VaultKeeperTimeout"));
    }

    private String dashboard() throws java.io.IOException {
        Path file = vault.resolve("Dashboard.md");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private int operatorStatusPatches() {
        return (int) harness.operatorWrites().stream()
                .filter(w -> w.method().equals("PATCH") && w.path().endsWith("/aiemployees/carol/status")).count();
    }
}
