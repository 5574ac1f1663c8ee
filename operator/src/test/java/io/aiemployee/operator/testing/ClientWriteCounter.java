package io.aiemployee.operator.testing;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts write requests in the client (for real clusters, where the test cannot see the server's
 * side): an interceptor on the operator's Kubernetes client.
 */
final class ClientWriteCounter implements Interceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private final List<CountingCrudDispatcher.Write> writes = new CopyOnWriteArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (WRITES.contains(request.method())) {
            writes.add(new CountingCrudDispatcher.Write(OperatorHarness.OPERATOR_AGENT, request.method(),
                    request.uri().getRawPath(), System.nanoTime()));
        }
    }

    List<CountingCrudDispatcher.Write> writes() {
        return List.copyOf(writes);
    }
}
