package io.aiemployee.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {

    @Test
    void watchNamespacesAreCommaSeparatedAndEmptyMeansAll() {
        assertThat(OperatorCommand.parseNamespaces(null)).isEmpty();
        assertThat(OperatorCommand.parseNamespaces(" ")).isEmpty();
        assertThat(OperatorCommand.parseNamespaces("team-a, team-b,,")).containsExactlyInAnyOrder("team-a", "team-b");
    }

    @Test
    void rootCommandListsTheOperatorSubcommand() {
        var out = new StringWriter();
        var cli = new CommandLine(new AIEmployeeCommand()).setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("operator").contains("Run the Kubernetes operator");
        assertThat(cli.getSubcommands().get("operator").getCommandSpec().findOption("--watch-namespaces")).isNotNull();
    }
}
