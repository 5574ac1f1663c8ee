package io.aiemployee.watcher.approval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to an approval's parameters (its frontmatter fields), where every wrong or missing
 * value becomes an {@link InvalidApprovalException} naming the field.
 */
public final class Parameters {

    /** No single text parameter may be longer; larger texts belong in attachments. */
    public static final int MAX_TEXT = 200_000;

    private final Map<String, Object> fields;

    public Parameters(Map<String, Object> fields) {
        this.fields = fields;
    }

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    public String requireText(String name) throws InvalidApprovalException {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new InvalidApprovalException("missing parameter '" + name + "'");
        }
        return value;
    }

    /** A text value; numbers and booleans are accepted as their text. */
    public String optionalText(String name) throws InvalidApprovalException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new InvalidApprovalException("parameter '" + name + "' must be text, not " + describe(value));
        }
        String text = value.toString();
        if (text.length() > MAX_TEXT) {
            throw new InvalidApprovalException("parameter '" + name + "' is too long (" + text.length() + " characters)");
        }
        return text;
    }

    /** One line of text (no line breaks: they would let a value inject mail headers). */
    public String requireLine(String name) throws InvalidApprovalException {
        String value = requireText(name);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new InvalidApprovalException("parameter '" + name + "' must be a single line");
        }
        return value;
    }

    /** A text or a list of texts. */
    public List<String> textList(String name, boolean required) throws InvalidApprovalException {
        Object value = fields.get(name);
        if (value == null) {
            if (required) {
                throw new InvalidApprovalException("missing parameter '" + name + "'");
            }
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value instanceof String text) {
            out.add(text);
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (!(item instanceof String text)) {
                    throw new InvalidApprovalException("parameter '" + name + "' must list texts, found " + describe(item));
                }
                out.add(text);
            }
        } else {
            throw new InvalidApprovalException("parameter '" + name + "' must be a text or a list of texts, not " + describe(value));
        }
        if (required && out.isEmpty()) {
            throw new InvalidApprovalException("parameter '" + name + "' is empty");
        }
        return out;
    }

    /** A mapping of text keys to text values (headers). */
    public Map<String, String> textMap(String name) throws InvalidApprovalException {
        Object value = fields.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidApprovalException("parameter '" + name + "' must be a mapping, not " + describe(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String || entry.getValue() instanceof Number)) {
                throw new InvalidApprovalException("parameter '" + name + "' must map texts to texts");
            }
            out.put(key, entry.getValue().toString());
        }
        return out;
    }

    public Object raw(String name) {
        return fields.get(name);
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
