package io.aiemployee.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.FilesystemWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.VaultSpec;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.api.WhatsAppWatcherSpec;
import io.aiemployee.watcher.WatcherImages;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatcherPodTest {

    static AIEmployee alice(WatchersSpec watchers, VaultSpec vault) {
        var aie = new AIEmployee("ns", "alice", new AIEmployeeSpec(null, null, null, vault, watchers));
        aie.getMetadata().setUid("uid-1");
        aie.getMetadata().setGeneration(3L);
        return aie;
    }

    static final WatchersSpec ALL = new WatchersSpec(
            new FilesystemWatcherSpec(true, null, null, null),
            new GmailWatcherSpec(true, null, null, null, "gmail-token", "label:inbox", 60),
            new WhatsAppWatcherSpec(true, "example/whatsapp:1", null, null, "wa-session", List.of("urgent")),
            new ApprovalWatcherSpec(true, null, null, List.of(new EnvVar("LOG_LEVEL", "debug", null)), false, "smtp"));

    @Test
    void runsTheWatcherCommandWithVaultAndHealthPort() {
        Pod pod = WatcherPod.desired(alice(ALL, null), WatcherKind.FILESYSTEM, 7, 0);
        assertThat(pod.getMetadata().getName()).isEqualTo("alice-filesystem-7");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(Labels.SPEC_GENERATION, "3").containsKey(Labels.TEMPLATE_HASH);
        var c = pod.getSpec().getContainers().get(0);
        assertThat(c.getCommand()).containsExactly("watcher");
        assertThat(c.getArgs()).containsExactly("filesystem", "--vault", "/vault", "--health-port", "8080");
        assertThat(c.getImage()).isEqualTo(WatcherImages.WATCHER);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("health");
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void credentialsArriveOnlyAsSecretVolumesMountedReadOnly() {
        Pod gmail = WatcherPod.desired(alice(ALL, null), WatcherKind.GMAIL, 1, 0);
        assertThat(gmail.getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("gmail-token");
            assertThat(v.getName()).isEqualTo("gmail-credentials");
        });
        assertThat(gmail.getSpec().getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/aiemployee/gmail");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(gmail.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
                .contains("GMAIL_QUERY", "GMAIL_POLL_INTERVAL_SECONDS");
        Pod approval = WatcherPod.desired(alice(ALL, null), WatcherKind.APPROVAL, 1, 0);
        assertThat(approval.getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("smtp"));
        assertThat(approval.getSpec().getContainers().get(0).getEnv())
                .contains(new EnvVar("DRY_RUN", "false", null), new EnvVar("LOG_LEVEL", "debug", null));
        // no Secret value is ever copied into the pod
        assertThat(approval.getSpec().getContainers().get(0).getEnv()).allSatisfy(e ->
                assertThat(e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() != null).isTrue());
    }

    @Test
    void whatsappGetsItsSessionClaimImageAndShm() {
        Pod pod = WatcherPod.desired(alice(ALL, null), WatcherKind.WHATSAPP, 1, 0);
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("example/whatsapp:1");
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactlyInAnyOrder("alice-vault", "wa-session");
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/session", "/dev/shm", "/vault", "/tmp");
    }

    @Test
    void existingClaimIsMountedInsteadOfTheManagedOne() {
        Pod pod = WatcherPod.desired(alice(ALL, new VaultSpec(null, null, "my-vault", null)), WatcherKind.GMAIL, 1, 0);
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly("my-vault");
        assertThat(VaultClaim.isManaged(alice(ALL, new VaultSpec(null, null, "my-vault", null)))).isFalse();
    }

    @Test
    void templateHashChangesWithTheWatchersSpecOnly() {
        String before = WatcherPod.templateHash(alice(ALL, null), WatcherKind.GMAIL);
        assertThat(WatcherPod.templateHash(alice(ALL, null), WatcherKind.GMAIL)).isEqualTo(before);
        var changed = new WatchersSpec(ALL.filesystem(),
                new GmailWatcherSpec(true, null, null, null, "gmail-token", "is:starred", 60), ALL.whatsapp(), ALL.approval());
        assertThat(WatcherPod.templateHash(alice(changed, null), WatcherKind.GMAIL)).isNotEqualTo(before);
        assertThat(WatcherPod.templateHash(alice(changed, null), WatcherKind.FILESYSTEM))
                .isEqualTo(WatcherPod.templateHash(alice(ALL, null), WatcherKind.FILESYSTEM));
    }

    @Test
    void podCarriesTheRestartCountItWasCreatedWithAndTheObserverReadsItBack() {
        Pod pod = WatcherPod.desired(alice(ALL, null), WatcherKind.GMAIL, 4, 3);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(Labels.RESTART_COUNT, "3");
        assertThat(io.aiemployee.operator.observe.PodObserver.byWatcher(java.util.Set.of(pod)).get(WatcherKind.GMAIL))
                .singleElement().satisfies(o -> assertThat(o.restartCount()).isEqualTo(3));
    }
}
