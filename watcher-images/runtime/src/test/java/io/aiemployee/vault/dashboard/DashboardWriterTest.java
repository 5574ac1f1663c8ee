package io.aiemployee.vault.dashboard;

import static io.aiemployee.vault.dashboard.DashboardFixtures.T0;
import static io.aiemployee.vault.dashboard.DashboardFixtures.TEMPLATE;
import static io.aiemployee.vault.dashboard.DashboardFixtures.UTC;
import static io.aiemployee.vault.dashboard.DashboardFixtures.online;
import static io.aiemployee.vault.dashboard.DashboardFixtures.withRestarts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardWriterTest {

    private static final Pattern MANAGED = Pattern.compile(
            "(?s)<!-- aiemployee:(\\w+):begin -->.*?<!-- aiemployee:\\1:end -->");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("Dashboard.md");
    }

    @Test
    void createsTheFileWhenAbsent() throws IOException {
        new DashboardPublisher(new DashboardWriter(file(), UTC)).publish(online(T0));
        assertThat(Files.readString(file())).contains(
                "| 2026-02-16 18:30:17 | System_Status | ✓ Online | System Online: All Watchers Active |");
    }

    @Test
    void userTextAboveBetweenAndBelowSurvivesAHundredUpdatesByteForByte() throws IOException {
        String user = "# My dashboard  \n\nAbove — with ünïcode and trailing spaces   \n\n"
                + "<!-- aiemployee:status:begin -->\n<!-- aiemployee:status:end -->\n"
                + "Between one\n\n| my | own | table |\n|---|---|---|\n| a | b | c |\n"
                + "<!-- aiemployee:watchers:begin -->\n<!-- aiemployee:watchers:end -->\n"
                + "Between two\n"
                + "<!-- aiemployee:folders:begin -->\n<!-- aiemployee:folders:end -->\n"
                + "\tBetween three\n"
                + "<!-- aiemployee:updated:begin -->\n<!-- aiemployee:updated:end -->\n"
                + "Below, without a final newline";
        Files.writeString(file(), user);
        List<String> userParts = outsideManaged(user);

        DashboardPublisher publisher = new DashboardPublisher(new DashboardWriter(file(), UTC));
        for (int i = 0; i < 100; i++) {
            publisher.publish(withRestarts(T0.plusSeconds(i), i / 3));
            assertThat(outsideManaged(Files.readString(file()))).as("update %d", i).isEqualTo(userParts);
        }
        String last = Files.readString(file());
        assertThat(last).contains("File System Watcher restarted (restart #33)")
                .contains("*Last Updated: 2026-02-16 18:31:56*");
    }

    @Test
    void templateIsAdoptedOnceThenKeptStable() throws IOException {
        Files.writeString(file(), TEMPLATE);
        DashboardPublisher publisher = new DashboardPublisher(new DashboardWriter(file(), UTC));
        publisher.publish(online(T0));
        List<String> after = outsideManaged(Files.readString(file()));
        for (int i = 1; i <= 20; i++) {
            publisher.publish(online(T0.plusSeconds(i)));
        }
        assertThat(outsideManaged(Files.readString(file()))).isEqualTo(after);
        assertThat(String.join("", after)).contains("## Notes\nMy own notes.\n");
    }

    @Test
    void anEditBetweenReadAndWriteIsMergedNotLost() throws IOException {
        Files.writeString(file(), "Line by the user\n");
        DashboardWriter writer = new DashboardWriter(file(), UTC).interleaving(new DashboardWriter.Interleaving() {
            @Override
            public void afterRead(int attempt) throws IOException {
                if (attempt == 1) {
                    Files.writeString(file(), "Typed while the writer was merging\n", StandardOpenOption.APPEND);
                }
            }
        });
        writer.write(online(T0), List.of());
        assertThat(Files.readString(file())).startsWith("Line by the user\nTyped while the writer was merging\n")
                .contains("<!-- aiemployee:status:begin -->");
    }

    @Test
    void anInPlaceSaveBetweenTheCheckAndTheRenameIsMergedNotLost() throws IOException {
        Files.writeString(file(), "Original\n");
        DashboardWriter writer = new DashboardWriter(file(), UTC).interleaving(new DashboardWriter.Interleaving() {
            @Override
            public void afterCheck(int attempt) throws IOException {
                if (attempt == 1) {
                    // an editor saving in place: truncate and write the same inode
                    Files.writeString(file(), "Original\nSaved in the last moment\n");
                }
            }
        });
        writer.write(online(T0), List.of(StatusEvent.systemStatus(T0, SystemState.ONLINE, "up")));
        String text = Files.readString(file());
        assertThat(text).startsWith("Original\nSaved in the last moment\n");
        assertThat(text).containsOnlyOnce("| System_Status | ✓ Online | up |");
    }

    private static final int EDITS = 30;

    @RepeatedTest(3)
    void aConcurrentEditorLosesNoEdit() throws Exception {
        Files.writeString(file(), "# Notes\n");
        DashboardPublisher publisher = new DashboardPublisher(new DashboardWriter(file(), UTC));
        AtomicBoolean stop = new AtomicBoolean();
        List<String> typed = new ArrayList<>();
        Thread editor = new Thread(() -> {
            // an editor that saves in place, like Obsidian: read, add a line above our sections, write
            // back; a save every 100-150 ms (Obsidian saves about 2 s after typing stops), while the writer
            // never pauses. Saves closer together than one update takes can lose the first of the two
            // (docs/dashboard.md); on a loaded 2-core CI machine one update can take tens of ms, so a
            // 20-50 ms pace made this test fail now and then without any change in the writer.
            for (int i = 0; i < EDITS && !stop.get(); i++) {
                String line = "edit " + i;
                try {
                    String text = Files.readString(file());
                    Files.writeString(file(), text.replaceFirst("# Notes\n", "# Notes\n" + line + "\n"));
                    typed.add(line);
                    Thread.sleep(100 + ThreadLocalRandom.current().nextInt(51));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        editor.start();
        int i = 0;
        while (editor.isAlive()) {
            publisher.publish(withRestarts(T0.plusSeconds(i), i));
            i++;
        }
        editor.join();
        publisher.publish(withRestarts(T0.plusSeconds(i), i));
        String text = Files.readString(file());
        assertThat(typed).hasSize(EDITS);
        for (String line : typed) {
            assertThat(text).contains("\n" + line + "\n");
        }
        assertThat(i).as("writer updates while the editor typed").isGreaterThan(10);
    }

    @Test
    void brokenMarkersLeaveTheFileUntouched() throws IOException {
        byte[] mine = "# Mine\n<!-- aiemployee:status:begin -->\nno end marker\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file(), mine);
        DashboardWriter writer = new DashboardWriter(file(), UTC);
        assertThatThrownBy(() -> writer.write(online(T0), List.of())).isInstanceOf(DashboardFormatException.class);
        assertThat(Files.readAllBytes(file())).isEqualTo(mine);
    }

    @Test
    void notUtf8LeavesTheFileUntouched() throws IOException {
        byte[] latin1 = "Caf\u00e9 notes\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file(), latin1);
        assertThatThrownBy(() -> new DashboardWriter(file(), UTC).write(online(T0), List.of()))
                .isInstanceOf(DashboardFormatException.class).hasMessageContaining("UTF-8");
        assertThat(Files.readAllBytes(file())).isEqualTo(latin1);
    }

    @Test
    void foldersAreCountedWithoutHiddenFiles() throws IOException {
        io.aiemployee.vault.VaultLayout vault = io.aiemployee.vault.VaultLayout.at(dir.resolve("vault")).ensureFolders();
        Files.writeString(vault.inbox().resolve("a.txt"), "a");
        Files.writeString(vault.inbox().resolve(".hidden"), "h");
        Files.writeString(vault.pendingApproval().resolve("APPROVAL_1.md"), "p");
        Files.writeString(vault.pendingApproval().resolve("APPROVAL_2.md"), "p");
        Files.createDirectories(vault.done().resolve("sub"));
        assertThat(FolderCounter.count(vault)).isEqualTo(new FolderCounts(1, 0, 2, 0, 0));
    }

    /** The parts of the file outside the managed sections (the user's bytes). */
    private static List<String> outsideManaged(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = MANAGED.matcher(text);
        int from = 0;
        while (m.find()) {
            parts.add(text.substring(from, m.start()));
            from = m.end();
        }
        parts.add(text.substring(from));
        return parts;
    }
}
