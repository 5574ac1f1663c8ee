package io.aiemployee.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD must be exactly what the Java model generates. Regenerate with
 * {@value #REGENERATE}.
 */
class CrdDriftTest {

    static final String CRD_FILE = "aiemployees.aiemployee.io-v1.yml";
    static final String REGENERATE =
            "./mvnw -B -pl operator -am test -Dtest=CrdDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrd.update=true";

    /** The repository's crds/ directory (tests run with the module directory as working directory). */
    static Path committedCrds() {
        return Path.of("..", "crds").toAbsolutePath().normalize();
    }

    static Path generate(Path dir) {
        new CRDGenerator().customResourceClasses(AIEmployee.class).forCRDVersions("v1").inOutputDir(dir.toFile()).generate();
        return dir.resolve(CRD_FILE);
    }

    @Test
    void committedCrdMatchesTheJavaModel(@TempDir Path tmp) throws IOException {
        Path generated = generate(tmp);
        Path committed = committedCrds().resolve(CRD_FILE);
        if (Boolean.getBoolean("crd.update")) {
            Files.createDirectories(committed.getParent());
            Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(committed)
                .as("crds/%s is missing or differs from what the Java model in io.aiemployee.operator.api generates. "
                        + "Regenerate it with: %s", CRD_FILE, REGENERATE)
                .exists();
        assertThat(Files.readString(committed))
                .as("crds/%s differs from what the Java model in io.aiemployee.operator.api generates. "
                        + "Regenerate it with: %s", CRD_FILE, REGENERATE)
                .isEqualTo(Files.readString(generated));
    }
}
