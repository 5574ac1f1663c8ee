package io.aiemployee.operator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The mock API server's object store (the stock one is a plain {@link LinkedHashMap}) with an index
 * from each object's name attribute to its keys, so that looking up one named object does not scan
 * every stored object. Only {@code put}, {@code remove} and {@code clear} change it, which is all the
 * mock server uses; the other mutators throw instead of bypassing the index. Removal through a view's
 * iterator would leave a stale key in the index, so {@link #named} checks every key it returns.
 */
final class NameIndexedStore extends LinkedHashMap<AttributeSet, String> {

    private static final String NAME = KubernetesAttributesExtractor.NAME;

    private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

    /** The stored keys whose name attribute equals {@code name}, in insertion order. */
    List<AttributeSet> named(Attribute name) {
        Set<AttributeSet> keys = byName.get(name);
        if (keys == null) {
            return List.of();
        }
        List<AttributeSet> present = new ArrayList<>(keys.size());
        for (AttributeSet key : keys) {
            if (containsKey(key)) {
                present.add(key);
            }
        }
        return present;
    }

    @Override
    public String put(AttributeSet key, String value) {
        Attribute name = key.getAttribute(NAME);
        if (name != null) {
            byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
        }
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends AttributeSet, ? extends String> entries) {
        entries.forEach(this::put);
    }

    @Override
    public String remove(Object key) {
        if (key instanceof AttributeSet attributes) {
            Attribute name = attributes.getAttribute(NAME);
            Set<AttributeSet> keys = name == null ? null : byName.get(name);
            if (keys != null) {
                keys.remove(attributes);
                if (keys.isEmpty()) {
                    byName.remove(name);
                }
            }
        }
        return super.remove(key);
    }

    @Override
    public void clear() {
        byName.clear();
        super.clear();
    }

    @Override
    public String putIfAbsent(AttributeSet key, String value) {
        throw notIndexed();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw notIndexed();
    }

    @Override
    public String replace(AttributeSet key, String value) {
        throw notIndexed();
    }

    @Override
    public boolean replace(AttributeSet key, String oldValue, String newValue) {
        throw notIndexed();
    }

    @Override
    public String computeIfAbsent(AttributeSet key, Function<? super AttributeSet, ? extends String> function) {
        throw notIndexed();
    }

    @Override
    public String computeIfPresent(AttributeSet key,
                                   BiFunction<? super AttributeSet, ? super String, ? extends String> function) {
        throw notIndexed();
    }

    @Override
    public String compute(AttributeSet key, BiFunction<? super AttributeSet, ? super String, ? extends String> function) {
        throw notIndexed();
    }

    @Override
    public String merge(AttributeSet key, String value,
                        BiFunction<? super String, ? super String, ? extends String> function) {
        throw notIndexed();
    }

    @Override
    public void replaceAll(BiFunction<? super AttributeSet, ? super String, ? extends String> function) {
        throw notIndexed();
    }

    private static UnsupportedOperationException notIndexed() {
        return new UnsupportedOperationException("the mock server's store only supports put, remove and clear");
    }
}
