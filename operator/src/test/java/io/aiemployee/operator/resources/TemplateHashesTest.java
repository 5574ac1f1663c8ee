package io.aiemployee.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.FilesystemWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.api.WhatsAppWatcherSpec;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateHashesTest {

    final TemplateHashes hashes = new TemplateHashes();

    static AIEmployee alice(WatchersSpec watchers, long generation) {
        var aie = new AIEmployee("ns", "alice", new AIEmployeeSpec(null, null, null, null, watchers));
        aie.getMetadata().setUid("uid-1");
        aie.getMetadata().setGeneration(generation);
        return aie;
    }

    @Test
    void givesTheSameHashAsBuildingThePodForEveryWorkload() {
        AIEmployee alice = alice(WatcherPodTest.ALL, 3);
        for (WatcherKind kind : WatcherKind.values()) {
            assertThat(hashes.of(alice, Workload.of(kind))).as(kind.id()).isEqualTo(WatcherPod.templateHash(alice, kind));
        }
        assertThat(hashes.of(alice, Workload.VAULT_KEEPER)).isEqualTo(VaultKeeperPod.templateHash(alice));
    }

    @Test
    void reusesTheHashWhileTheSpecIsUnchanged() {
        String first = hashes.of(alice(WatcherPodTest.ALL, 3), Workload.of(WatcherKind.GMAIL));
        // a fresh copy as the informer hands it over on the next reconciliation: equal, not the same object
        String again = hashes.of(alice(copyOfAll(), 3), Workload.of(WatcherKind.GMAIL));
        assertThat(again).as("kept, not computed again").isSameAs(first);
    }

    @Test
    void computesAgainWhenTheSpecChangesEvenIfTheGenerationDoesNot() {
        String before = hashes.of(alice(WatcherPodTest.ALL, 3), Workload.of(WatcherKind.FILESYSTEM));
        var withEnv = new WatchersSpec(new FilesystemWatcherSpec(true, null, null, List.of(new EnvVar("TZ", "UTC", null))),
                WatcherPodTest.ALL.gmail(), WatcherPodTest.ALL.whatsapp(), WatcherPodTest.ALL.approval());
        AIEmployee edited = alice(withEnv, 3);
        assertThat(hashes.of(edited, Workload.of(WatcherKind.FILESYSTEM)))
                .isNotEqualTo(before)
                .isEqualTo(WatcherPod.templateHash(edited, WatcherKind.FILESYSTEM));
    }

    @Test
    void computesAgainWhenTheGenerationChanges() {
        String before = hashes.of(alice(WatcherPodTest.ALL, 3), Workload.VAULT_KEEPER);
        String after = hashes.of(alice(copyOfAll(), 4), Workload.VAULT_KEEPER);
        assertThat(after).isEqualTo(before).isNotSameAs(before);
    }

    @Test
    void forgetsAnAIEmployeeThatIsGone() {
        AIEmployee alice = alice(WatcherPodTest.ALL, 3);
        hashes.of(alice, Workload.VAULT_KEEPER);
        assertThat(hashes.size()).isEqualTo(1);
        hashes.forget(alice);
        assertThat(hashes.size()).isZero();
    }

    private static WatchersSpec copyOfAll() {
        var all = WatcherPodTest.ALL;
        return new WatchersSpec(
                new FilesystemWatcherSpec(all.filesystem().enabled(), all.filesystem().image(), null, null),
                new GmailWatcherSpec(true, null, null, null, "gmail-token", "label:inbox", 60),
                new WhatsAppWatcherSpec(true, "example/whatsapp:1", null, null, "wa-session", List.of("urgent")),
                new ApprovalWatcherSpec(true, null, null, List.of(new EnvVar("LOG_LEVEL", "debug", null)), false, "smtp"));
    }
}
