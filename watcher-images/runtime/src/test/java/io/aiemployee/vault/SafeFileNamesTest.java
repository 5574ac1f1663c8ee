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
}
