package io.aiemployee.watcher.approval;

import io.aiemployee.vault.ActionDocument;
import io.aiemployee.vault.AtomicFiles;
import io.aiemployee.vault.Frontmatter;
import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writing and reading approval files in tests (also used by the fault tests in {@code io.aiemployee.faults}). */
public final class Approvals {

    private Approvals() {
    }

    public static Map<String, Object> email(String to, String subject, String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "approval_request");
        fields.put("action", "send_email");
        fields.put("to", to);
        fields.put("subject", subject);
        fields.put("body", body);
        return fields;
    }

    public static Map<String, Object> post(String url, Map<String, Object> json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "approval_request");
        fields.put("action", "http_post");
        fields.put("url", url);
        fields.put("json", json);
        return fields;
    }

    /** Written elsewhere, then moved into the folder, as a person moving a file does. */
    public static Path place(Path folder, String name, Map<String, Object> fields) throws IOException {
        Path staging = folder.getParent().resolve(".staging");
        Files.createDirectories(staging);
        Path file = staging.resolve(name);
        AtomicFiles.writeString(file, Frontmatter.render(new ActionDocument(fields, "# Approval\n\nPlease do this.\n")));
        return Files.move(file, folder.resolve(name));
    }

    public static ActionDocument read(Path file) {
        try {
            return Frontmatter.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !Files.isDirectory(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> auditLines(VaultLayout vault) {
        try (Stream<Path> files = Files.list(vault.logs())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
