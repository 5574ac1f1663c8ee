package io.aiemployee.operator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The mock API server's CRUD dispatcher, recording every write request (POST, PUT, PATCH, DELETE)
 * with the client's User-Agent, so tests can count the writes the operator makes.
 */
public final class CountingCrudDispatcher extends KubernetesCrudDispatcher {

    /** One write request as the server saw it. */
    public record Write(String userAgent, String method, String path, long nanoTime) {
    }

    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<Consumer<Write>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        MockResponse response = super.dispatch(request);
        if ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method)) {
            var write = new Write(request.getHeader("User-Agent"), method, request.getPath(), System.nanoTime());
            writes.add(write);
            listeners.forEach(l -> l.accept(write));
        }
        return response;
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Writes made by clients with this User-Agent. */
    public List<Write> writesBy(String userAgent) {
        return writes.stream().filter(w -> userAgent.equals(w.userAgent())).toList();
    }

    /** Called (on the server's thread) after each write has been applied. */
    public void onWrite(Consumer<Write> listener) {
        listeners.add(listener);
    }
}
