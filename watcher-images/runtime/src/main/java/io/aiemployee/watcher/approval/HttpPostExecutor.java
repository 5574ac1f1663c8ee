package io.aiemployee.watcher.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code http_post}: a webhook. {@code url} (http or https), then either {@code json} (a mapping or
 * list, sent as JSON) or {@code body} (text, with optional {@code content_type}), and optional
 * {@code headers}. A response outside 2xx is a failure.
 */
public final class HttpPostExecutor implements ActionExecutor {

    public static final String ACTION = "http_post";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> FORBIDDEN_HEADERS =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");
    private static final int MAX_RESPONSE_CHARS = 500;

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    public HttpPostExecutor() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public HttpPostExecutor(HttpClient client) {
        this.client = client;
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public Prepared prepare(Parameters parameters, VaultLayout vault) throws InvalidApprovalException {
        URI url = url(parameters.requireLine("url"));
        String contentType;
        String body;
        if (parameters.has("json") && parameters.has("body")) {
            throw new InvalidApprovalException("give either 'json' or 'body', not both");
        }
        if (parameters.has("json")) {
            Object value = parameters.raw("json");
            if (!(value instanceof Map<?, ?> || value instanceof Collection<?>)) {
                throw new InvalidApprovalException("parameter 'json' must be a mapping or a list, not " + Parameters.describe(value));
            }
            try {
                body = json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new InvalidApprovalException("parameter 'json' cannot be written as JSON: " + e.getOriginalMessage());
            }
            contentType = "application/json";
        } else {
            body = parameters.requireText("body");
            String given = parameters.optionalText("content_type");
            contentType = given == null ? "text/plain; charset=utf-8" : given;
        }
        if (body.length() > Parameters.MAX_TEXT) {
            throw new InvalidApprovalException("the request body is too large (" + body.length() + " characters)");
        }
        Map<String, String> headers = new LinkedHashMap<>(parameters.textMap("headers"));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidApprovalException("header '" + name + "' is not allowed");
            }
            if (header.getValue().indexOf('\n') >= 0 || header.getValue().indexOf('\r') >= 0) {
                throw new InvalidApprovalException("header '" + name + "' must be a single line");
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            headers.forEach(builder::header);
        } catch (IllegalArgumentException e) {
            throw new InvalidApprovalException("a header is not allowed: " + e.getMessage());
        }
        HttpRequest request = builder.build();
        return new Prepared() {
            @Override
            public String describe() {
                return "POST " + url + " (" + contentType + ", " + body.getBytes(StandardCharsets.UTF_8).length + " bytes"
                        + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + ")";
            }

            @Override
            public Map<String, Object> execute() throws IOException, InterruptedException {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                String answer = response.body() == null ? "" : response.body();
                if (answer.length() > MAX_RESPONSE_CHARS) {
                    answer = answer.substring(0, MAX_RESPONSE_CHARS) + "…";
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + url + ": " + answer.strip());
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("http_status", response.statusCode());
                result.put("response", answer);
                return result;
            }
        };
    }

    private static URI url(String text) throws InvalidApprovalException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidApprovalException("parameter 'url' must be an http or https URL: " + text);
            }
            if (uri.getHost() == null) {
                throw new InvalidApprovalException("parameter 'url' has no host: " + text);
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidApprovalException("parameter 'url' must not carry credentials; use 'headers'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidApprovalException("parameter 'url' is not a valid URL: " + text);
        }
    }
}
