package io.aiemployee.watcher.gmail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking the parts of Gmail's REST API and Google's OAuth token endpoint the
 * watcher uses, in their wire format: {@code users.messages.list} with {@code q},
 * {@code maxResults} and {@code pageToken} paging, {@code users.messages.get?format=full}, bearer
 * token checks with 401s, Google's JSON error bodies, and {@code POST /token} for the
 * {@code refresh_token} and {@code authorization_code} grants.
 */
final class FakeGmailServer implements AutoCloseable {

    static final String CLIENT_ID = "1234-test.apps.googleusercontent.com";
    static final String CLIENT_SECRET = "GOCSPX-test-secret";
    static final String REFRESH_TOKEN = "1//refresh-token";
    static final String AUTH_CODE = "4/0AUTHCODE";

    private HttpServer server;
    private final int port;
    /** Newest first, like Gmail's listing. */
    final List<FakeMail> mailbox = new CopyOnWriteArrayList<>();
    final Set<String> validAccessTokens = ConcurrentHashMap.newKeySet();
    final Deque<Integer> apiFailures = new ArrayDeque<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger issued = new AtomicInteger();
    volatile int pageSize = 100;
    volatile boolean revoked;
    volatile long expiresInSeconds = 3599;
    volatile String retryAfterSeconds;
    /** The PKCE code_challenge (S256) the consent screen saw; the code exchange must prove it. */
    volatile String codeChallenge;

    FakeGmailServer() throws IOException {
        this(0);
    }

    private FakeGmailServer(int port) throws IOException {
        start(port);
        this.port = server.getAddress().getPort();
    }

    private void start(int bindPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", bindPort), 0);
        server.createContext("/token", this::token);
        server.createContext("/gmail/v1/users/me/messages", this::messages);
        server.start();
    }

    String rootUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    String tokenUri() {
        return "http://127.0.0.1:" + port + "/token";
    }

    /** Network loss: the port refuses connections until {@link #comeBack()}. */
    void goAway() {
        server.stop(0);
    }

    void comeBack() throws IOException {
        start(port);
    }

    FakeMail add(FakeMail mail) {
        mailbox.add(0, mail);
        return mail;
    }

    synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            apiFailures.add(status);
        }
    }

    long apiRequests(String prefix) {
        return requests.stream().filter(request -> request.startsWith(prefix)).count();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parseQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(form);
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, error("invalid_request", "POST only"));
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(exchange, 401, error("invalid_client", "The OAuth client was not found."));
            return;
        }
        String grant = form.getOrDefault("grant_type", "");
        JsonObject response = new JsonObject();
        if (grant.equals("refresh_token")) {
            if (revoked || !REFRESH_TOKEN.equals(form.get("refresh_token"))) {
                send(exchange, 400, error("invalid_grant", "Token has been expired or revoked."));
                return;
            }
        } else if (grant.equals("authorization_code")) {
            if (!AUTH_CODE.equals(form.get("code")) || form.get("redirect_uri") == null) {
                send(exchange, 400, error("invalid_grant", "Malformed auth code."));
                return;
            }
            if (codeChallenge != null && !codeChallenge.equals(s256(form.get("code_verifier")))) {
                send(exchange, 400, error("invalid_grant", "Invalid code verifier."));
                return;
            }
            response.addProperty("refresh_token", REFRESH_TOKEN);
        } else {
            send(exchange, 400, error("unsupported_grant_type", "Invalid grant_type: " + grant));
            return;
        }
        String accessToken = "ya29.access-" + issued.incrementAndGet();
        validAccessTokens.add(accessToken);
        response.addProperty("access_token", accessToken);
        response.addProperty("expires_in", expiresInSeconds);
        response.addProperty("scope", "https://www.googleapis.com/auth/gmail.readonly");
        response.addProperty("token_type", "Bearer");
        send(exchange, 200, response);
    }

    private void messages(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationHeaders.add(String.valueOf(authorization));
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !validAccessTokens.contains(authorization.substring("Bearer ".length()))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
            send(exchange, 401, googleError(401, "Request had invalid authentication credentials.", "authError", "UNAUTHENTICATED"));
            return;
        }
        Integer failure;
        synchronized (this) {
            failure = apiFailures.poll();
        }
        if (failure != null) {
            if (failure == 429) {
                if (retryAfterSeconds != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfterSeconds);
                }
                send(exchange, 429, googleError(429, "Too many concurrent requests for user.", "rateLimitExceeded", "RESOURCE_EXHAUSTED"));
            } else {
                send(exchange, failure, googleError(failure, "Internal error encountered.", "backendError", "INTERNAL"));
            }
            return;
        }
        Map<String, String> params = parseQuery(query);
        String prefix = "/gmail/v1/users/me/messages";
        if (path.equals(prefix) || path.equals(prefix + "/")) {
            list(exchange, params);
        } else {
            String id = path.substring(prefix.length() + 1);
            FakeMail mail = mailbox.stream().filter(m -> m.id.equals(id)).findFirst().orElse(null);
            if (mail == null) {
                send(exchange, 404, googleError(404, "Requested entity was not found.", "notFound", "NOT_FOUND"));
            } else if (!"full".equals(params.get("format"))) {
                send(exchange, 400, googleError(400, "this fake only serves format=full", "invalidArgument", "INVALID_ARGUMENT"));
            } else {
                send(exchange, 200, mail.full());
            }
        }
    }

    private void list(HttpExchange exchange, Map<String, String> params) throws IOException {
        List<FakeMail> matching = new ArrayList<>();
        for (FakeMail mail : mailbox) {
            if (matches(mail, params.getOrDefault("q", ""))) {
                matching.add(mail);
            }
        }
        int max = Math.min(pageSize, Integer.parseInt(params.getOrDefault("maxResults", "100")));
        int start = Integer.parseInt(params.getOrDefault("pageToken", "0"));
        JsonObject response = new JsonObject();
        JsonArray messages = new JsonArray();
        for (int i = start; i < Math.min(matching.size(), start + max); i++) {
            messages.add(matching.get(i).listEntry());
        }
        if (messages.size() > 0) {
            response.add("messages", messages);
        }
        if (start + max < matching.size()) {
            response.addProperty("nextPageToken", Integer.toString(start + max));
        }
        response.addProperty("resultSizeEstimate", matching.size());
        send(exchange, 200, response);
    }

    /** Understands the {@code is:<label>} terms of Gmail's search syntax, enough for the watcher's query. */
    private static boolean matches(FakeMail mail, String query) {
        for (String term : query.trim().split("\\s+")) {
            if (term.startsWith("is:") && !mail.labels.contains(term.substring(3).toUpperCase())) {
                return false;
            }
        }
        return true;
    }

    private static JsonObject error(String error, String description) {
        JsonObject body = new JsonObject();
        body.addProperty("error", error);
        body.addProperty("error_description", description);
        return body;
    }

    private static JsonObject googleError(int code, String message, String reason, String status) {
        JsonObject item = new JsonObject();
        item.addProperty("message", message);
        item.addProperty("domain", "global");
        item.addProperty("reason", reason);
        JsonArray errors = new JsonArray();
        errors.add(item);
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        error.add("errors", errors);
        error.addProperty("status", status);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
