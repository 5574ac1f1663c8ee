package io.aiemployee.operator.helm;

import io.aiemployee.operator.cli.OperatorCommand;
import io.aiemployee.operator.resources.DefaultImages;
import io.aiemployee.operator.resources.VaultKeeperPod;
import io.aiemployee.watcher.WatcherKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart and the operator agree on the environment: every variable the chart sets is read by the code. */
class HelmOperatorEnvironmentTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?:env:)?([A-Z][A-Z0-9_]*)");

    @Test
    void everyVariableTheChartSetsIsReadByTheOperator() throws IOException {
        Map<String, String> values = HelmChartTest.env(HelmChartTest.operator(Chart.render(Map.of())));
        Set<String> chartSets = new HashSet<>(values.keySet());
        chartSets.add("OPERATOR_NAMESPACE"); // from the downward API, not a plain value

        assertThat(variablesTheOperatorReads()).containsAll(chartSets);
    }

    @Test
    void watcherImagesFromTheChartReachThePods() {
        Map<String, String> custom = HelmChartTest.env(HelmChartTest.operator(Chart.render(Map.of(
                "watcherImages.watcher", "registry.example/watcher:2",
                "watcherImages.whatsapp", "registry.example/watcher-whatsapp:2"))));
        Map<String, String> defaults = HelmChartTest.env(HelmChartTest.operator(Chart.render(Map.of())));

        for (WatcherKind kind : WatcherKind.values()) {
            String expected = kind == WatcherKind.WHATSAPP ? "registry.example/watcher-whatsapp:2" : "registry.example/watcher:2";
            assertThat(DefaultImages.of(kind, custom)).as(kind.id()).isEqualTo(expected);
            assertThat(DefaultImages.of(kind, defaults)).as(kind.id()).isEqualTo(kind.defaultImage());
            assertThat(DefaultImages.of(kind, Map.of())).as(kind.id()).isEqualTo(kind.defaultImage());
        }
    }

    @Test
    void theVaultKeeperRunsTheOperatorImageTheChartInstalls() {
        Map<String, String> custom = HelmChartTest.env(HelmChartTest.operator(Chart.render(Map.of(
                "image.repository", "registry.example/operator", "image.tag", "v9"))));
        assertThat(VaultKeeperPod.image(custom)).isEqualTo("registry.example/operator:v9");
        Map<String, String> defaults = HelmChartTest.env(HelmChartTest.operator(Chart.render(Map.of())));
        assertThat(VaultKeeperPod.image(defaults)).isEqualTo(HelmChartTest.operator(Chart.render(Map.of())).getImage());
    }

    /** Variables named in the operator command's option defaults, in logback.xml, and by DefaultImages. */
    private static Set<String> variablesTheOperatorReads() throws IOException {
        Set<String> read = new HashSet<>(DefaultImages.VARIABLES.values());
        read.add(VaultKeeperPod.IMAGE_ENV);
        for (Field field : OperatorCommand.class.getDeclaredFields()) {
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option != null) {
                read.addAll(variables(option.defaultValue()));
            }
        }
        try (InputStream logback = OperatorCommand.class.getClassLoader().getResourceAsStream("logback.xml")) {
            read.addAll(variables(new String(logback.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return read;
    }

    private static Set<String> variables(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
