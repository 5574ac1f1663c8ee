package io.aiemployee.watcher.gmail;

/** Whitespace clean-up shared by the plain-text and the HTML paths. */
final class PlainText {

    private PlainText() {
    }

    /** Trims each line, collapses runs of blank lines into one, and trims the whole. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.replace("\r\n", "\n").replace('\u00a0', ' ').split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blank = 0;
        }
        return out.toString();
    }

    /** At most {@code max} characters, cut at a word boundary when one is near, with an ellipsis. */
    static String excerpt(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        if (cut < max * 3 / 4) {
            cut = max;
        }
        return text.substring(0, cut).strip() + " …";
    }
}
