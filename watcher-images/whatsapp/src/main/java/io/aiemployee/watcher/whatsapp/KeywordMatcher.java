package io.aiemployee.watcher.whatsapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which of the configured keywords appear, as whole words and in any case, in a text (pure). */
public final class KeywordMatcher {

    public static final List<String> DEFAULT_KEYWORDS = List.of("urgent", "asap", "invoice", "payment", "help");

    private final List<String> keywords;
    private final List<Pattern> patterns;

    public KeywordMatcher(List<String> keywords) {
        this.keywords = keywords.stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.toLowerCase(Locale.ROOT)).distinct().toList();
        this.patterns = this.keywords.stream()
                .map(k -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    public List<String> keywords() {
        return keywords;
    }

    public List<String> matches(String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(text).find()) {
                found.add(keywords.get(i));
            }
        }
        return found;
    }
}
