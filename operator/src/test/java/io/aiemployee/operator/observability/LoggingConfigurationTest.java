package io.aiemployee.operator.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's logback.xml, loaded into a fresh logger context with LOG_FORMAT and LOG_LEVEL
 * given as context properties (logback resolves them like environment variables), writing to a
 * captured stdout.
 */
class LoggingConfigurationTest {

    private LoggerContext context;

    @AfterEach
    void stop() {
        MDC.clear();
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void textLinesAreReadableAndNameTheResourceJosdkIsReconciling() throws Exception {
        List<String> lines = log(Map.of(), logger -> {
            logger.info("Operator started");
            MDC.put("resource.namespace", "team-a");
            MDC.put("resource.name", "alice");
            logger.warn("Gmail watcher failed (exit code 1), restarting in 4s (restart #2)");
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  test\\.operator - Operator started");
        assertThat(lines.get(1)).endsWith(
                "WARN  test.operator [team-a/alice] - Gmail watcher failed (exit code 1), restarting in 4s (restart #2)");
    }

    @Test
    void jsonLinesCarryNamespaceAndNameInTheMdc() throws Exception {
        List<String> lines = log(Map.of("LOG_FORMAT", "json"), logger -> {
            logger.info("Operator started");
            MDC.put("resource.namespace", "team-a");
            MDC.put("resource.name", "alice");
            logger.error("Reconciliation failed", new IllegalStateException("boom"));
        });

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode started = json.readTree(lines.get(0));
        assertThat(started.get("level").asText()).isEqualTo("INFO");
        assertThat(started.get("loggerName").asText()).isEqualTo("test.operator");
        assertThat(started.get("formattedMessage").asText()).isEqualTo("Operator started");
        assertThat(started.get("timestamp").asLong()).isPositive();

        JsonNode failed = json.readTree(lines.get(1));
        assertThat(failed.get("level").asText()).isEqualTo("ERROR");
        assertThat(failed.get("mdc").get("namespace").asText()).isEqualTo("team-a");
        assertThat(failed.get("mdc").get("name").asText()).isEqualTo("alice");
        assertThat(failed.get("throwable").get("className").asText()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void keysSetByOurOwnCodeWinOverJosdks() throws Exception {
        List<String> lines = log(Map.of("LOG_FORMAT", "json"), logger -> {
            MDC.put(ResourceMdc.NAMESPACE, "team-b");
            MDC.put(ResourceMdc.NAME, "bob");
            MDC.put("resource.namespace", "team-a");
            logger.info("Pod event");
        });

        JsonNode mdc = new ObjectMapper().readTree(lines.get(0)).get("mdc");
        assertThat(mdc.get("namespace").asText()).isEqualTo("team-b");
        assertThat(mdc.get("name").asText()).isEqualTo("bob");
    }

    @Test
    void logLevelFiltersLines() throws Exception {
        List<String> lines = log(Map.of("LOG_LEVEL", "WARN"), logger -> {
            logger.debug("debug");
            logger.info("info");
            logger.warn("warn");
        });

        assertThat(lines).singleElement().satisfies(line -> assertThat(line).endsWith(" - warn"));
        assertThat(log(Map.of("LOG_LEVEL", "DEBUG"), logger -> logger.debug("debug"))).hasSize(1);
    }

    @Test
    void anUnknownFormatFallsBackToTextWithAWarning() throws Exception {
        List<String> lines = log(Map.of("LOG_FORMAT", "xml"), logger -> logger.info("still logging"));

        assertThat(lines).singleElement().satisfies(line -> assertThat(line).endsWith("INFO  test.operator - still logging"));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> {
                    assertThat(status.getLevel()).isEqualTo(Status.WARN);
                    assertThat(status.getMessage()).contains("Unknown log format \"xml\"");
                });
    }

    private List<String> log(Map<String, String> properties, Consumer<Logger> logging) throws Exception {
        if (context != null) {
            context.stop();
        }
        MDC.clear();
        context = new LoggerContext();
        // the MDC that org.slf4j.MDC (and JOSDK) writes to
        context.setMDCAdapter(MDC.getMDCAdapter());
        properties.forEach(context::putProperty);
        URL configuration = getClass().getClassLoader().getResource("logback.xml");
        assertThat(configuration).as("logback.xml on the class path").isNotNull();
        assertThat(configuration.getPath()).contains("/classes/");

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(configuration);
            logging.accept(context.getLogger("test.operator"));
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
