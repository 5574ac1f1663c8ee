package io.aiemployee.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNamesTest {

    @Test
    void keepsSpacesAndNonAsciiLetters() {
        assertThat(SafeFileNames.sanitize("Q3 Rechnung – März.pdf")).isEqualTo("Q3 Rechnung – März.pdf");
    }

    @Test
    void neverClimbsOutOfItsFolder() {
        assertThat(SafeFileNames.sanitize("../../etc/passwd")).doesNotContain("/").doesNotStartWith(".");
        assertThat(SafeFileNames.sanitize("..")).isEqualTo("_");
        assertThat(SafeFileNames.sanitize("a\\b:c*d?")).isEqualTo("a_b_c_d_");
    }

    @Test
    void avoidsWindowsReservedNamesAndTrailingDots() {
        assertThat(SafeFileNames.sanitize("CON.txt")).isEqualTo("_CON.txt");
        assertThat(SafeFileNames.sanitize("report. ")).isEqualTo("report");
    }

    @Test
    void capsTheLength() {
        assertThat(SafeFileNames.sanitize("x".repeat(500))).hasSize(120);
    }

    @Test
    void capsTheUtf8LengthAndKeepsTheExtension() {
        String name = SafeFileNames.sanitize("請求書".repeat(60) + ".pdf");
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(name).endsWith(".pdf").startsWith("請求書");
        assertThat(SafeFileNames.sanitize("x".repeat(300) + ".md")).hasSize(120).endsWith(".md");
    }

    @Test
    void numberedNamesStayShortEnough() {
        String numbered = AtomicFiles.numbered("é".repeat(150) + ".md", 12);
        assertThat(numbered).endsWith(" (12).md");
        assertThat(numbered.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(255);
    }
}
