package io.aiemployee.operator.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The chart under helm/, rendered by the real Helm embedded by helm-java. */
public final class Chart {

    public static final String RELEASE = "ai";
    public static final String NAMESPACE = "aiemployee";
    /** helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.25 or later. */
    public static final String KUBE_VERSION = "1.30.0";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    /** The repository root: tests run in operator/, the chart lives next to it. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm").resolve("aiemployee-operator"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("helm/aiemployee-operator not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path directory() {
        return repositoryRoot().resolve("helm").resolve("aiemployee-operator");
    }

    public static Helm helm() {
        return new Helm(directory());
    }

    /** Renders the chart as {@code helm template ai helm/aiemployee-operator -n aiemployee} with the given --set values. */
    public static Rendered render(Map<String, Object> values) {
        return render(command -> {
            values.forEach(command::set);
            return command;
        });
    }

    public static Rendered render(UnaryOperator<TemplateCommand> options) {
        TemplateCommand command = helm().template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        return Rendered.parse(options.apply(command).call());
    }

    /** The objects of one rendering, parsed with the Fabric8 model. */
    public record Rendered(String yaml, List<HasMetadata> objects) {

        static Rendered parse(String yaml) {
            List<HasMetadata> objects = new ArrayList<>();
            for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
                if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                    continue;
                }
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
            return new Rendered(yaml, List.copyOf(objects));
        }

        public <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + " but found " + found.size() + " in\n" + yaml);
            }
            return found.get(0);
        }

        public List<String> kinds() {
            return objects.stream().map(HasMetadata::getKind).toList();
        }
    }
}
