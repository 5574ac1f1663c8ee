package io.aiemployee.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The AI_Employee_Vault/ template at the repository root matches the layout the programs use. */
class VaultTemplateTest {

    static final Path TEMPLATE = Path.of("../../AI_Employee_Vault").toAbsolutePath().normalize();

    @Test
    void hasEveryFolderKeptInGit() {
        for (VaultFolder folder : VaultFolder.values()) {
            assertThat(TEMPLATE.resolve(folder.dirName()).resolve(".gitkeep")).as(folder.dirName()).isRegularFile();
        }
    }

    @Test
    void dashboardStartsWithTheSystemStatusTableAndTheLastUpdatedLine() throws IOException {
        String dashboard = Files.readString(TEMPLATE.resolve(VaultLayout.DASHBOARD_FILE));
        assertThat(dashboard).contains("| Timestamp | Action | Status | Details |")
                .containsPattern("\\| \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\| System_Status \\| ✓ Online \\| System Online: All Watchers Active \\|")
                .containsPattern("(?m)^\\*Last Updated: .+\\*$");
    }

    @Test
    void hasTheHandbookAndAReadmeExplainingTheFlow() throws IOException {
        assertThat(TEMPLATE.resolve("Company_Handbook.md")).isRegularFile();
        String readme = Files.readString(TEMPLATE.resolve("README.md"));
        for (VaultFolder folder : VaultFolder.values()) {
            assertThat(readme).as(folder.dirName()).contains(folder.dirName() + "/");
        }
        // the README's approval example is a valid approval file
        int start = readme.indexOf("```markdown\n") + "```markdown\n".length();
        ActionDocument example = Frontmatter.parse(readme.substring(start, readme.indexOf("```", start)));
        assertThat(example.fields()).containsEntry("action", "send_email").containsKeys("to", "subject", "body", "expires");
    }
}
