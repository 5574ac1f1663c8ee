package io.aiemployee.operator.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's small HTTP server: {@code /metrics} (Prometheus scrape of the Micrometer
 * registry), {@code /healthz} (200 while the process serves requests) and {@code /readyz} (200
 * when the readiness check says so, 503 otherwise). Kubernetes probes and Prometheus use it; it
 * binds all interfaces on the given port (0 picks a free port, for tests).
 */
public final class ObservabilityServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Prometheus text exposition format, or OpenMetrics when the scraper asks for it. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param port      the port, or 0 for any free one
     * @param registry  the registry {@code /metrics} exposes
     * @param readiness answers {@code /readyz}; it must be cheap, probes call it every few seconds
     */
    public static ObservabilityServer start(int port, PrometheusMeterRegistry registry, BooleanSupplier readiness)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "observability-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> handle(exchange, () -> metrics(exchange, registry)));
        server.createContext("/healthz", exchange -> handle(exchange, () -> respond(exchange, 200, TEXT, "ok\n")));
        server.createContext("/readyz", exchange -> handle(exchange, () -> {
            if (readiness.getAsBoolean()) {
                respond(exchange, 200, TEXT, "ready\n");
            } else {
                respond(exchange, 503, TEXT, "not ready\n");
            }
        }));
        server.start();
        ObservabilityServer started = new ObservabilityServer(server, executor);
        LOG.info("Serving /metrics, /healthz and /readyz on port {}", started.port());
        return started;
    }

    /** The bound port (the chosen one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Response {
        void send() throws IOException;
    }

    private static void handle(HttpExchange exchange, Response response) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(exchange.getHttpContext().getPath())) {
                respond(exchange, 404, TEXT, "not found\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "method not allowed\n");
            } else {
                response.send();
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respond(exchange, 500, TEXT, "internal error\n");
        } finally {
            exchange.close();
        }
    }

    private static void metrics(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        registry.scrape(body, contentType);
        respond(exchange, 200, contentType, body.toByteArray());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
