package io.aiemployee.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean ready = new AtomicBoolean();
    private ObservabilityServer server;

    @BeforeEach
    void start() throws IOException {
        server = ObservabilityServer.start(0, registry, ready::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthzAnswersWhileTheProcessRuns() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void readyzFollowsTheReadinessCheck() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(503);

        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        ready.set(false);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsServesTheRegistryInPrometheusText() throws Exception {
        Counter counter = Counter.builder("test.things").tag("kind", "a").register(registry);
        counter.increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(new PrometheusScrape(response.body()).value("test_things_total", Map.of("kind", "a"))).hasValue(3.0);
    }

    @Test
    void metricsSpeaksOpenMetricsWhenAskedTo() throws Exception {
        Counter.builder("test.things").register(registry).increment();

        HttpResponse<String> response = http.send(request("/metrics")
                        .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(response.body()).contains("test_things_total 1.0").endsWith("# EOF\n");
    }

    @Test
    void onlyGetAndHeadOnKnownPaths() throws Exception {
        HttpResponse<String> post = http.send(request("/healthz").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        HttpResponse<String> head = http.send(request("/healthz").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailingReadinessCheckAnswers500AndTheServerKeepsServing() throws Exception {
        server.close();
        server = ObservabilityServer.start(0, registry, () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(get("/readyz").statusCode()).isEqualTo(500);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    }
}
