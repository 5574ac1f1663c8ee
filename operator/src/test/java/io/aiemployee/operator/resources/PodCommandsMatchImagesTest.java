package io.aiemployee.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.watcher.WatcherImages;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pods the operator creates set {@code command}, which replaces the image's entrypoint: the
 * executable they name must exist in the image that runs them.
 */
class PodCommandsMatchImagesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyWatcherPodRunsACommandItsImageProvides() throws IOException {
        for (WatcherKind kind : WatcherKind.values()) {
            Container container = WatcherPod.desired(WatcherPodTest.alice(WatcherPodTest.ALL, null), kind, 1, 0)
                    .getSpec().getContainers().get(0);
            String dockerfile = kind.defaultImage().equals(WatcherImages.WATCHER_WHATSAPP)
                    ? "watcher-images/Dockerfile.whatsapp" : "watcher-images/Dockerfile";
            assertProvides(dockerfile, container.getCommand().get(0));
        }
    }

    @Test
    void theVaultKeeperRunsACommandTheOperatorImageProvides() throws IOException {
        Container container = VaultKeeperPod.desired(WatcherPodTest.alice(WatcherPodTest.ALL, null), 1, 0)
                .getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(WatcherImages.OPERATOR);
        assertProvides("operator/Dockerfile", container.getCommand().get(0));
        assertThat(Files.readString(ROOT.resolve("operator/Dockerfile")))
                .contains("-t " + WatcherImages.OPERATOR + " ")
                .contains("USER 10001:10001")
                .contains("ENTRYPOINT [\"aiemployee\"]");
    }

    private static void assertProvides(String dockerfile, String command) throws IOException {
        assertThat(command).doesNotContain("/");
        assertThat(Files.readString(ROOT.resolve(dockerfile)))
                .as("%s must install the '%s' command that the operator's pods run", dockerfile, command)
                .contains("> /usr/local/bin/" + command)
                .contains("chmod 0755 /usr/local/bin/" + command);
    }
}
