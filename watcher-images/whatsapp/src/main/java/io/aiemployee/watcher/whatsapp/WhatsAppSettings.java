package io.aiemployee.watcher.whatsapp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The WhatsApp watcher's options (from the command line or the environment). */
public record WhatsAppSettings(Path chromium, Path sessionDir, String url, List<String> keywords,
                               Duration pollInterval, Duration loadTimeout, int processedLimit) {

    public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DEFAULT_SESSION_DIR = Path.of("/session");
    public static final String DEFAULT_URL = "https://web.whatsapp.com/";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(90);
    public static final int DEFAULT_PROCESSED_LIMIT = 5_000;

    public WhatsAppSettings {
        keywords = List.copyOf(keywords);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
    }

    public static WhatsAppSettings defaults() {
        return new WhatsAppSettings(DEFAULT_CHROMIUM, DEFAULT_SESSION_DIR, DEFAULT_URL, KeywordMatcher.DEFAULT_KEYWORDS,
                DEFAULT_POLL_INTERVAL, DEFAULT_LOAD_TIMEOUT, DEFAULT_PROCESSED_LIMIT);
    }

    public WhatsAppSettings withSessionDir(Path value) {
        return new WhatsAppSettings(chromium, value, url, keywords, pollInterval, loadTimeout, processedLimit);
    }

    public WhatsAppSettings withUrl(String value) {
        return new WhatsAppSettings(chromium, sessionDir, value, keywords, pollInterval, loadTimeout, processedLimit);
    }

    public WhatsAppSettings withChromium(Path value) {
        return new WhatsAppSettings(value, sessionDir, url, keywords, pollInterval, loadTimeout, processedLimit);
    }

    public WhatsAppSettings withKeywords(List<String> value) {
        return new WhatsAppSettings(chromium, sessionDir, url, value, pollInterval, loadTimeout, processedLimit);
    }

    public WhatsAppSettings withPollInterval(Duration value) {
        return new WhatsAppSettings(chromium, sessionDir, url, keywords, value, loadTimeout, processedLimit);
    }

    public WhatsAppSettings withLoadTimeout(Duration value) {
        return new WhatsAppSettings(chromium, sessionDir, url, keywords, pollInterval, value, processedLimit);
    }
}
