package io.aiemployee.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiemployee.watcher.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VaultKeeperCommandTest {

    @TempDir
    Path vault;

    @Test
    void isASubcommandOfAiemployee() {
        assertThat(new CommandLine(new AIEmployeeCommand()).getSubcommands()).containsKey("vault-keeper");
    }

    @Test
    void withoutTheNameOfItsAIEmployeeItExitsWithTheConfigurationErrorCode() {
        int code = new CommandLine(new AIEmployeeCommand()).execute("vault-keeper", "--vault", vault.toString(),
                "--namespace", "test", "--termination-log", vault.resolve("termination-log").toString());
        assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
        // the folders come first, as for every watcher
        assertThat(vault.resolve("Pending_Approval")).isDirectory();
    }
}
