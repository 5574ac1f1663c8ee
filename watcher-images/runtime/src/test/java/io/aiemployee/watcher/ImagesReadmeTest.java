package io.aiemployee.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The image names live in WatcherImages; the images' README and Dockerfiles must agree with it. */
class ImagesReadmeTest {

    static final Path IMAGES = Path.of("..").toAbsolutePath().normalize(); // watcher-images/, the module's parent

    @Test
    void theReadmeNamesTheDefaultImagesOfWatcherImages() throws IOException {
        String readme = Files.readString(IMAGES.resolve("README.md"));
        assertThat(readme).contains("`" + WatcherImages.WATCHER + "`", "`" + WatcherImages.WATCHER_WHATSAPP + "`",
                "`" + WatcherImages.OPERATOR + "`");
        assertThat(readme).contains("-t " + WatcherImages.WATCHER + " ", "-t " + WatcherImages.WATCHER_WHATSAPP + " ");
    }

    @Test
    void theDockerfilesRunTheWatcherAsANonRootUser() throws IOException {
        for (String name : new String[] {"Dockerfile", "Dockerfile.whatsapp"}) {
            String dockerfile = Files.readString(IMAGES.resolve(name));
            assertThat(dockerfile).as(name).contains("USER 10001:10001")
                    .contains("exec java -jar /opt/aiemployee/watcher.jar")
                    .contains("ENTRYPOINT [\"watcher\"]")
                    .doesNotContain(":latest");
            String jar = name.equals("Dockerfile") ? "watcher.jar" : "watcher-whatsapp.jar";
            assertThat(dockerfile).as(name).contains("watcher-images/dist/target/" + jar);
        }
        assertThat(Files.readString(IMAGES.resolve("Dockerfile"))).contains("-t " + WatcherImages.WATCHER + " ");
        assertThat(Files.readString(IMAGES.resolve("Dockerfile.whatsapp"))).contains("-t " + WatcherImages.WATCHER_WHATSAPP + " ")
                .contains("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1");
    }

    @Test
    void theShadedJarsStartWatcherMain() throws IOException {
        String pom = Files.readString(IMAGES.resolve("dist/pom.xml"));
        assertThat(pom).contains("<mainClass>" + WatcherMain.class.getName() + "</mainClass>")
                .contains("ServicesResourceTransformer").contains("watcher.jar").contains("watcher-whatsapp.jar");
    }
}
