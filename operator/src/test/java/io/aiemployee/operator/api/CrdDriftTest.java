package io.aiemployee.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
        new CRDGenerator().customResourceClasses(AIEmployee.class).forCRDVersions("v1")
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String version) {
                        return printerColumnsInDeclaredOrder(crd);
                    }
                })
                .inOutputDir(dir.toFile()).generate();
        return dir.resolve(CRD_FILE);
    }

    /**
     * The generator sorts printer columns by name; {@code kubectl get aie} should show them in the
     * order {@link AIEmployee} declares them (STATUS, READY, RESTARTS, PENDING, AGE).
     */
    private static HasMetadata printerColumnsInDeclaredOrder(HasMetadata crd) {
        List<String> declared = Arrays.stream(AIEmployee.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (var crdVersion : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(crdVersion.getAdditionalPrinterColumns());
            columns.sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
            crdVersion.setAdditionalPrinterColumns(columns);
        }
        return crd;
    }

    @Test
    void kubectlShowsTheColumnsInTheDeclaredOrder() throws IOException {
        var crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(committedCrds().resolve(CRD_FILE)), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Status", "Ready", "Restarts", "Pending", "Age");
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
