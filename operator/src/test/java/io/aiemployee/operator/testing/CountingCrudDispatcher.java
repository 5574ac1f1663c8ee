package io.aiemployee.operator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.util.AbstractMap;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock API server's CRUD dispatcher, recording every write request (POST, PUT, PATCH, DELETE)
 * with the client's User-Agent, so tests can count the writes the operator makes.
 *
 * <p>It also finds one named object through an index ({@link NameIndexedStore}) instead of the stock
 * scan: the stock dispatcher serves every request on one thread and, for each create, patch, delete
 * and GET of one object, compares the request with every stored object attribute by attribute.
 * (Reflection reaches the stock store, lock and delete step, which are private; a Fabric8 upgrade
 * that changes them fails here loudly.) In
 * the scale benchmark's profile those scans were most of the server's CPU, and the server's queue,
 * not the operator, set the restart reaction time (docs/benchmarks.md). Lists and watches are served
 * the stock way.
 */
public final class CountingCrudDispatcher extends KubernetesCrudDispatcher {

    /** One write request as the server saw it. */
    public record Write(String userAgent, String method, String path, long nanoTime) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CountingCrudDispatcher.class);

    private final NameIndexedStore store = new NameIndexedStore();
    private final ReadWriteLock lock;
    private final Method processDelete;
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<String> unappliedPatches = new CopyOnWriteArrayList<>();
    private final List<Consumer<Write>> listeners = new CopyOnWriteArrayList<>();

    public CountingCrudDispatcher() {
        try {
            // the stock store is a final LinkedHashMap field; nothing is stored yet
            Field map = CrudDispatcher.class.getDeclaredField("map");
            map.setAccessible(true);
            map.set(this, store);
            Field lockField = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            lockField.setAccessible(true);
            lock = (ReadWriteLock) lockField.get(this);
            processDelete = KubernetesCrudDispatcher.class.getDeclaredMethod("processDelete", String.class,
                    AttributeSet.class, AttributeSet.class);
            processDelete.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the mock server's dispatcher changed: " + e, e);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        // read before dispatching: the CRUD dispatcher consumes the body
        byte[] patch = "PATCH".equals(method) ? request.getBody().getBytes() : null;
        MockResponse response;
        try {
            response = super.dispatch(request);
        } catch (JsonPatchException e) {
            // the stock server lets this escape and never answers (the client then waits for its timeout
            // and sends the same patch again); a real API server answers 422 Invalid
            String body = new String(patch, StandardCharsets.UTF_8);
            LOG.warn("mock API server: {} {} could not be applied ({}), answering 422; the patch: {}", method,
                    request.getPath(), e.getMessage(), body);
            unappliedPatches.add(request.getPath() + ": " + e.getMessage() + ": " + body);
            return status(422, "Invalid", "the JSON patch does not apply: " + e.getMessage());
        }
        if ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method)) {
            var write = new Write(request.getHeader("User-Agent"), method, request.getPath(), System.nanoTime());
            writes.add(write);
            listeners.forEach(l -> l.accept(write));
        }
        return response;
    }

    /**
     * The stored keys matching every attribute of {@code query}, in insertion order, found through the
     * name index; null when the query does not name one object (lists), for the stock scan. A query
     * attribute of the default type matches only a stored attribute equal to it, which for the name
     * can only be the stored name attribute, so the index finds what the scan finds.
     */
    private List<AttributeSet> namedMatches(AttributeSet query) {
        Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null || name.getType() != AttributeType.WITH) {
            return null;
        }
        return store.named(name).stream().filter(key -> key.matches(query)).toList();
    }

    /** The stock result (the first stored object matching {@code query}) without the scan. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        List<AttributeSet> matches = namedMatches(query);
        if (matches == null) {
            return super.findResource(query);
        }
        return matches.isEmpty() ? null : new AbstractMap.SimpleEntry<>(matches.get(0), store.get(matches.get(0)));
    }

    /** A GET of one named object through the index; lists, watches and misses (404) go the stock way. */
    @Override
    public MockResponse handleGet(String path) {
        if (!path.contains("watch=")) {
            Lock read = lock.readLock();
            read.lock();
            try {
                List<AttributeSet> matches = namedMatches(attributeExtractor.fromPath(path));
                if (matches != null && !matches.isEmpty()) {
                    return new MockResponse().setResponseCode(200).setBody(store.get(matches.get(0)));
                }
            } finally {
                read.unlock();
            }
        }
        return super.handleGet(path);
    }

    /**
     * A DELETE of one named object through the index: the stock handler's steps (the object as the
     * answer, then its deletion, or a deletion timestamp while it has finalizers) without its scan.
     * Misses (404) and collection deletes go the stock way.
     */
    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        Lock write = lock.writeLock();
        write.lock();
        try {
            List<AttributeSet> matches = namedMatches(query);
            if (matches != null && !matches.isEmpty()) {
                String deleted = store.get(matches.get(0));
                for (AttributeSet key : matches) {
                    processDelete.invoke(this, path, query, key);
                }
                return new MockResponse().setResponseCode(200).setBody(deleted);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the mock server's delete failed: " + e, e);
        } finally {
            write.unlock();
        }
        return super.handleDelete(path);
    }

    /** An API server's error answer: a {@code Status} object with {@code code}, {@code reason} and {@code message}. */
    public static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"" + message.replace("\"", "'") + "\",\"reason\":\"" + reason
                        + "\",\"code\":" + code + "}");
    }

    /** JSON patches that did not apply to the stored object (answered 422): a client patched from a stale copy. */
    public List<String> unappliedPatches() {
        return List.copyOf(unappliedPatches);
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
