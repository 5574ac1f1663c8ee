package io.aiemployee.vault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A vault Markdown file: YAML frontmatter fields (in file order) and the Markdown body after it. */
public record ActionDocument(Map<String, Object> fields, String body) {

    public ActionDocument {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
        body = body == null ? "" : body;
    }

    public String text(String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    /** A copy with {@code extra} fields added or replaced, keeping the order of the existing ones. */
    public ActionDocument with(Map<String, ?> extra) {
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        merged.putAll(extra);
        return new ActionDocument(merged, body);
    }
}
