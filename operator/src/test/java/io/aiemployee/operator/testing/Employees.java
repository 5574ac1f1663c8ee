package io.aiemployee.operator.testing;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.AIEmployeeSpec;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.FilesystemWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.RestartPolicySpec;
import io.aiemployee.operator.api.VaultSpec;
import io.aiemployee.operator.api.WatchersSpec;
import io.aiemployee.operator.api.WhatsAppWatcherSpec;

/** AIEmployee resources for tests. */
public final class Employees {

    private Employees() {
    }

    public static WatchersSpec allFourWatchers() {
        return new WatchersSpec(
                new FilesystemWatcherSpec(true, null, null, null),
                new GmailWatcherSpec(true, null, null, null, "gmail-token", null, null),
                new WhatsAppWatcherSpec(true, null, null, null, "whatsapp-session", null),
                new ApprovalWatcherSpec(true, null, null, null, true, "smtp-credentials"));
    }

    /** All four watchers, the default restart policy, a health check every {@code healthCheckSeconds}. */
    public static AIEmployee withAllWatchers(String name, int healthCheckSeconds) {
        return new AIEmployee(OperatorHarness.NAMESPACE, name,
                new AIEmployeeSpec(false, healthCheckSeconds, null, null, allFourWatchers()));
    }

    public static AIEmployee with(String name, AIEmployeeSpec spec) {
        return new AIEmployee(OperatorHarness.NAMESPACE, name, spec);
    }

    public static AIEmployeeSpec spec(Boolean suspend, Integer healthCheckSeconds, RestartPolicySpec restart,
                                      VaultSpec vault, WatchersSpec watchers) {
        return new AIEmployeeSpec(suspend, healthCheckSeconds, restart, vault, watchers);
    }
}
