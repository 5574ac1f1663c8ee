package io.aiemployee.watcher.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordMatcherTest {

    @Test
    void matchesWholeWordsInAnyCaseInConfiguredOrder() {
        KeywordMatcher matcher = new KeywordMatcher(KeywordMatcher.DEFAULT_KEYWORDS);
        assertThat(matcher.matches("INVOICE attached, pay asap")).containsExactly("asap", "invoice");
        assertThat(matcher.matches("Payment: done. Need help?")).containsExactly("payment", "help");
        assertThat(matcher.matches("helpful invoices, urgently")).isEmpty();
        assertThat(matcher.matches("")).isEmpty();
    }

    @Test
    void customKeywordsAreTrimmedLowerCasedAndMayBePhrases() {
        KeywordMatcher matcher = new KeywordMatcher(List.of(" Rechnung ", "", "call me", "RECHNUNG"));
        assertThat(matcher.keywords()).containsExactly("rechnung", "call me");
        assertThat(matcher.matches("Bitte die rechnung prüfen, CALL ME")).containsExactly("rechnung", "call me");
    }

    @Test
    void unreadBadgesAreCounted() {
        assertThat(WhatsAppPage.unreadCount("3")).isEqualTo(3);
        assertThat(WhatsAppPage.unreadCount("1")).isEqualTo(1);
        assertThat(WhatsAppPage.unreadCount("")).isZero();
    }
}
