package io.aiemployee.vault;

import java.text.Normalizer;

/**
 * File names that are valid on Linux, macOS and Windows alike, keep non-ASCII letters (a vault is
 * read by people), and can never climb out of their folder.
 */
public final class SafeFileNames {

    private static final int MAX_LENGTH = 120;
    private static final java.util.Set<String> WINDOWS_RESERVED = java.util.Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileNames() {
    }

    /** Returns a safe version of {@code name}; never empty, never "." or "..", at most 120 characters. */
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
        if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_LENGTH));
        }
        return result;
    }
}
