package io.aiemployee.operator.faults;

import io.aiemployee.operator.testing.CountingCrudDispatcher;
import io.aiemployee.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps the mock API server's dispatcher. Records every pod creation the operator sends (pod name and
 * the test clock's time when the request arrived, which is after the operator decided to create it),
 * and, when asked, fails a share of the operator's write requests the way a real API server can:
 * <ul>
 * <li>{@link Fault#CONFLICT}: 409 Conflict, nothing applied;</li>
 * <li>{@link Fault#ERROR}: 500, nothing applied;</li>
 * <li>{@link Fault#ERROR_AFTER_APPLY}: the write is applied but the client gets a 500 (a lost response),
 *     the case that duplicates objects when a client retries blindly.</li>
 * </ul>
 * Only requests with the operator's User-Agent are failed, so the test's own client and the kubelet
 * simulator are not affected.
 */
public final class FaultInjectingDispatcher extends Dispatcher {

    public enum Fault { CONFLICT, ERROR, ERROR_AFTER_APPLY }

    /** {@code serverCode}: what the server did (201 created, 409 already exists), 0 if a fault stopped it first. */
    public record PodCreate(String name, Instant arrivedAt, int serverCode) {
    }

    /** One write request of the operator: pod name for pod creations, else null. */
    public record OperatorWrite(String method, String path, String podName, Instant arrivedAt, int serverCode, String body) {
    }

    public record InjectedFault(Fault fault, String method, String path) {
    }

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Dispatcher delegate;
    private volatile Clock clock = Clock.systemUTC();
    private final List<PodCreate> podCreates = new CopyOnWriteArrayList<>();
    private final List<InjectedFault> injected = new CopyOnWriteArrayList<>();
    private final List<OperatorWrite> operatorWrites = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.LongAdder> operatorRequests = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> fenced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Random random;
    private volatile double failShare;
    private volatile boolean refuseAll;

    public FaultInjectingDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    /** The clock arrival times are read from (the harness's test clock). */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /** From now on, fail {@code share} (0..1) of the operator's writes, chosen by a Random with {@code seed}. */
    public synchronized void failOperatorWrites(double share, long seed) {
        this.random = new Random(seed);
        this.failShare = share;
    }

    /**
     * From now on, every request of the client with this User-Agent fails without reaching the server:
     * together with stopping it, the closest an in-process operator gets to being killed (JOSDK's
     * Operator.stop() returns while reconciliations still run, and a closed Fabric8 client still sends).
     */
    public void fence(String userAgent) {
        fenced.add(userAgent);
    }

    public boolean isFenced(String userAgent) {
        return fenced.contains(userAgent);
    }

    /**
     * From now on, every write of the operator is refused with 403 Forbidden (as when its RBAC is broken
     * for a while), until {@link #stopFailing()}. Unlike 5xx and 429, the client does not retry a 403
     * itself, so each reconciliation fails at once and only the operator's own retry is left.
     */
    public void refuseEveryOperatorWrite() {
        refuseAll = true;
    }

    public void stopFailing() {
        failShare = 0;
        refuseAll = false;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Instant arrived = clock.instant();
        String agent = request.getHeader("User-Agent");
        if (agent != null && fenced.contains(agent)) {
            // a killed process sends nothing more
            return CountingCrudDispatcher.status(503, "ServiceUnavailable", "fenced: this operator instance was killed");
        }
        boolean fromOperator = agent != null && agent.startsWith(OperatorHarness.OPERATOR_AGENT);
        if (fromOperator) {
            operatorRequests.computeIfAbsent(request.getMethod(), m -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
        boolean operatorWrite = fromOperator && WRITES.contains(request.getMethod());
        Fault fault = operatorWrite ? pickFault() : null;
        // read before dispatching: the CRUD dispatcher consumes the body
        String body = operatorWrite && request.getPath().endsWith("/status")
                ? new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8) : null;
        String createdPod = operatorWrite && "POST".equals(request.getMethod()) && isPodCollection(request.getPath())
                ? podName(request) : null;
        MockResponse response;
        int appliedCode = 0;
        if (operatorWrite && refuseAll) {
            response = CountingCrudDispatcher.status(403, "Forbidden", "injected: the operator may not write now");
        } else if (fault == Fault.CONFLICT) {
            response = CountingCrudDispatcher.status(409, "Conflict", "injected conflict");
        } else if (fault == Fault.ERROR) {
            response = CountingCrudDispatcher.status(500, "InternalError", "injected server error");
        } else {
            response = delegate.dispatch(request);
            appliedCode = response.code();
            if (fault == Fault.ERROR_AFTER_APPLY) {
                response = CountingCrudDispatcher.status(500, "InternalError", "injected server error after the write was applied");
            }
        }
        if (fault != null) {
            injected.add(new InjectedFault(fault, request.getMethod(), request.getPath()));
        }
        if (operatorWrite) {
            operatorWrites.add(new OperatorWrite(request.getMethod(), request.getPath(), createdPod, arrived,
                    fault == null ? response.code() : appliedCode, body));
        }
        if (createdPod != null) {
            podCreates.add(new PodCreate(createdPod, arrived, appliedCode));
        }
        return response;
    }

    private synchronized Fault pickFault() {
        if (failShare <= 0 || random.nextDouble() >= failShare) {
            return null;
        }
        return Fault.values()[random.nextInt(Fault.values().length)];
    }

    /** The operator's pod creations that reached the server and were applied (whatever the client heard). */
    public List<PodCreate> appliedPodCreates() {
        return podCreates.stream().filter(c -> c.serverCode() >= 200 && c.serverCode() < 300).toList();
    }

    /** All requests the operator sent so far (reads, watches and writes), by HTTP method. */
    public Map<String, Long> operatorRequestsByMethod() {
        var result = new java.util.TreeMap<String, Long>();
        operatorRequests.forEach((m, n) -> result.put(m, n.sum()));
        return result;
    }

    public long operatorRequestCount() {
        return operatorRequests.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum();
    }

    public long operatorWriteCount() {
        return operatorRequests.entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    public List<OperatorWrite> operatorWrites() {
        return List.copyOf(operatorWrites);
    }

    public List<InjectedFault> injected() {
        return List.copyOf(injected);
    }

    private static boolean isPodCollection(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.matches("/api/v1/namespaces/[^/]+/pods");
    }

    @SuppressWarnings("unchecked")
    private static String podName(RecordedRequest request) {
        Map<String, Object> body = Serialization.unmarshal(new String(request.getBody().getBytes(),
                java.nio.charset.StandardCharsets.UTF_8), Map.class);
        return (String) ((Map<String, Object>) body.get("metadata")).get("name");
    }
}
