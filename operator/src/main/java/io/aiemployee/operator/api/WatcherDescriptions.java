package io.aiemployee.operator.api;

/** Field descriptions shared by the four watcher sections (they end up in the CRD schema). */
final class WatcherDescriptions {

    static final String ENABLED = "false stops and removes this watcher's pod. Default true when the section is present.";
    static final String IMAGE = "Container image; the project's default watcher image when omitted.";
    static final String RESOURCES = "CPU/memory requests and limits of the watcher container; sensible defaults when omitted.";
    static final String ENV = "Extra environment variables for the watcher container (secrets only through valueFrom.secretKeyRef). VAULT_PATH, HEALTH_PORT and HOME are set by the operator.";

    private WatcherDescriptions() {
    }
}
