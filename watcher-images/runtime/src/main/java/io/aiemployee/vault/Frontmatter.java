package io.aiemployee.vault;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes Markdown files with YAML frontmatter ({@code ---} lines around a YAML mapping)
 * using SnakeYAML's safe constructor, with limits that make hostile input (alias bombs, huge
 * documents, custom tags) a clear error instead of a hang or code execution.
 */
public final class Frontmatter {

    /** Larger action files are refused before parsing. */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;
    private static final String FENCE = "---";

    private Frontmatter() {
    }

    public static ActionDocument parse(String text) {
        if (text == null) {
            throw new MalformedFrontmatterException("the file is empty");
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new MalformedFrontmatterException(
                    "the file is too large (" + text.length() + " characters, the limit is " + MAX_DOCUMENT_CHARS + ")");
        }
        if (text.indexOf('\0') >= 0) {
            throw new MalformedFrontmatterException("the file is binary (it contains NUL bytes)");
        }
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        normalized = normalized.replace("\r\n", "\n");
        if (!normalized.startsWith(FENCE + "\n")) {
            throw new MalformedFrontmatterException("no YAML frontmatter: the file must start with a '---' line");
        }
        int end = normalized.indexOf("\n" + FENCE, FENCE.length());
        while (end >= 0) {
            int after = end + 1 + FENCE.length();
            if (after == normalized.length() || normalized.charAt(after) == '\n') {
                break;
            }
            end = normalized.indexOf("\n" + FENCE, after);
        }
        if (end < 0) {
            throw new MalformedFrontmatterException("the frontmatter is not closed by a '---' line");
        }
        String yamlText = normalized.substring(FENCE.length() + 1, end + 1);
        int bodyStart = Math.min(normalized.length(), end + 1 + FENCE.length() + 1);
        String body = normalized.substring(bodyStart);
        Object loaded;
        try {
            loaded = loader().load(yamlText);
        } catch (YAMLException e) {
            throw new MalformedFrontmatterException("invalid YAML frontmatter: " + firstLine(e.getMessage()));
        }
        if (loaded == null) {
            return new ActionDocument(Map.of(), body);
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new MalformedFrontmatterException("the frontmatter must be a mapping of fields, not a "
                    + loaded.getClass().getSimpleName());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new MalformedFrontmatterException("frontmatter keys must be text, found " + entry.getKey());
            }
            fields.put(key, entry.getValue());
        }
        return new ActionDocument(fields, body);
    }

    public static String render(ActionDocument document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
        String fields = document.fields().isEmpty() ? "" : yaml.dump(new LinkedHashMap<>(document.fields()));
        return FENCE + "\n" + fields + FENCE + "\n" + document.body();
    }

    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        return new Yaml(new SafeConstructor(options));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
