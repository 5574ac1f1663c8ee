package io.aiemployee.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessedKeysTest {

    @TempDir
    Path temp;

    @Test
    void keysSurviveAReloadAndTheLeastRecentlySeenAreForgottenBeyondTheLimit() throws Exception {
        Path file = temp.resolve("state/processed.txt");
        ProcessedKeys keys = ProcessedKeys.load(file, 3, "test keys");
        keys.add("a");
        keys.add("b");
        keys.add("c");
        keys.touch(List.of("a", "unknown")); // a is still visible at the source: now the most recent
        keys.add("d");                       // over the limit: b, the least recently seen, goes

        ProcessedKeys reloaded = ProcessedKeys.load(file, 3, "test keys");
        assertThat(reloaded.contains("a")).isTrue();
        assertThat(reloaded.contains("b")).isFalse();
        assertThat(reloaded.contains("c")).isTrue();
        assertThat(reloaded.contains("d")).isTrue();
        assertThat(reloaded.contains("unknown")).isFalse();
        assertThat(Files.readAllLines(file)).containsExactly("# test keys, least recently seen first", "c", "a", "d");
        assertThat(ProcessedKeys.load(file, 2, "smaller").size()).isEqualTo(2);
    }

    @Test
    void aKeyMustBeOneLine() throws Exception {
        ProcessedKeys keys = ProcessedKeys.load(temp.resolve("p.txt"), 10, "test");
        assertThatThrownBy(() -> keys.add("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.add("# comment")).isInstanceOf(IllegalArgumentException.class);
        assertThat(temp.resolve("p.txt")).doesNotExist();
    }
}
