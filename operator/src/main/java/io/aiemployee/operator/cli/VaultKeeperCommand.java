package io.aiemployee.operator.cli;

import io.aiemployee.operator.resources.VaultKeeperPod;
import io.aiemployee.operator.vaultkeeper.VaultKeeper;
import io.aiemployee.watcher.WatcherOptions;
import io.aiemployee.watcher.WatcherRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aiemployee vault-keeper}: writes one AIEmployee's status into the vault's Dashboard.md and
 * reports the folder counts back. The operator runs it in a pod per AIEmployee; the exit codes,
 * {@code /healthz} and SIGTERM handling are the watchers' (0 clean stop, 1 crash, 78 configuration).
 */
@Command(name = "vault-keeper", mixinStandardHelpOptions = true,
        description = "Keep Dashboard.md in the vault up to date with an AIEmployee's status.")
public final class VaultKeeperCommand implements Callable<Integer> {

    @Mixin
    WatcherOptions options;

    @Option(names = "--name", defaultValue = "${env:" + VaultKeeperPod.NAME_ENV + "}",
            description = "The AIEmployee to keep (env " + VaultKeeperPod.NAME_ENV + ").")
    String name;

    @Option(names = "--namespace", defaultValue = "${env:" + VaultKeeperPod.NAMESPACE_ENV + "}",
            description = "Its namespace (env " + VaultKeeperPod.NAMESPACE_ENV + ").")
    String namespace;

    @Override
    public Integer call() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return WatcherRunner.run(new VaultKeeper(client, namespace, name, Clock.systemUTC(), VaultKeeper.DEFAULT_INTERVAL),
                    options);
        }
    }
}
