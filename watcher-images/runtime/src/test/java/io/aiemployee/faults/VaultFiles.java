package io.aiemployee.faults;

import io.aiemployee.vault.VaultLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What is on a vault, for comparing before and after a fault. */
final class VaultFiles {

    private VaultFiles() {
    }

    /**
     * SHA-256 of every regular file under {@code root} by relative path, except {@code Logs/} and
     * dot folders: the watchers' own logs and state are allowed to change.
     */
    static Map<String, String> checksums(Path root) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (rel.startsWith("Logs/") || rel.startsWith(".")) {
                    continue;
                }
                result.put(rel, sha256(Files.readAllBytes(f)));
            }
        }
        return result;
    }

    /** A handbook, a Dashboard.md and an earlier action file: the user's data that no fault may touch. */
    static void writeUserFiles(VaultLayout vault) throws IOException {
        Files.writeString(vault.root().resolve("Company_Handbook.md"), "# Handbook\nBe polite.\n");
        Files.writeString(vault.needsAction().resolve("EMAIL_earlier.md"), "---\ntype: email\n---\nearlier\n");
        Files.writeString(vault.root().resolve("Dashboard.md"), "# Dashboard\nmy own notes\n");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
