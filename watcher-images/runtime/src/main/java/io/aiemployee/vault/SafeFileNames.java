package io.aiemployee.vault;

import java.text.Normalizer;

/**
 * File names that are valid on Linux, macOS and Windows alike, keep non-ASCII letters (a vault is
 * read by people), and can never climb out of their folder.
 */
public final class SafeFileNames {

    private static final int MAX_LENGTH = 120;
    /**
     * File systems limit a name to 255 bytes (ext4, APFS in UTF-8); staying well below leaves room
     * for the suffixes the programs add (".md", " (2)", ".reason.md").
     */
    static final int MAX_UTF8_BYTES = 200;
    private static final int MAX_KEPT_EXTENSION = 16;
    private static final java.util.Set<String> WINDOWS_RESERVED = java.util.Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileNames() {
    }

    /**
     * Returns a safe version of {@code name}; never empty, never "." or "..", at most 120 characters
     * and 200 UTF-8 bytes (a shortened name keeps its extension).
     */
    public static String sanitize(String name) {
        String normalized = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            boolean forbidden = cp < 0x20 || cp == 0x7f || "<>:\"/\\|?*".indexOf(cp) >= 0;
            out.appendCodePoint(forbidden ? '_' : cp);
        });
        String result = out.toString().strip();
        // no leading dots (hidden files, "..") and no trailing dots or spaces (invalid on Windows)
        result = result.replaceAll("^\\.+", "_").replaceAll("[. ]+$", "");
        if (result.isEmpty()) {
            result = "_";
        }
        String stem = result.contains(".") ? result.substring(0, result.indexOf('.')) : result;
        if (WINDOWS_RESERVED.contains(stem.toUpperCase(java.util.Locale.ROOT))) {
            result = "_" + result;
        }
        return shorten(result);
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH && utf8Length(name) <= MAX_UTF8_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int maxCodePoints = MAX_LENGTH - extension.codePointCount(0, extension.length());
        int maxBytes = MAX_UTF8_BYTES - utf8Length(extension);
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        int codePoints = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = utf8Length(new String(Character.toChars(cp)));
            if (codePoints + 1 > maxCodePoints || bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            codePoints++;
            i += Character.charCount(cp);
        }
        String shortened = out.toString().replaceAll("[. ]+$", "");
        return (shortened.isEmpty() ? "_" : shortened) + extension;
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
