package io.aiemployee.operator.local;

import io.aiemployee.vault.VaultLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aiemployee status [VAULT]}: the local watchers as a table, like {@code kubectl get}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state of the watchers that `aiemployee run` runs on this vault.")
public final class StatusCommand implements Callable<Integer> {

    /** Exit code when no orchestrator has ever run on the vault. */
    public static final int NO_STATUS = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VAULT",
            description = "The vault folder (default: AI_Employee_Vault in this folder or a parent).")
    Path vault;

    @Override
    public Integer call() throws Exception {
        Path root;
        try {
            root = VaultLocator.resolve(vault);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return RunCommand.REFUSED;
        }
        VaultLayout layout = VaultLayout.at(root);
        Path file = LocalOrchestrator.statusFile(layout);
        if (!Files.exists(file)) {
            System.out.println("No orchestrator has run on " + root + " yet. Start one with: aiemployee run " + root);
            return NO_STATUS;
        }
        boolean running = VaultLock.isHeld(LocalOrchestrator.lockFile(layout));
        System.out.print(StatusTable.render(LocalStatus.readFrom(file), running, Instant.now()));
        return 0;
    }
}
