package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.WatcherSettings;
import io.aiemployee.operator.api.WhatsAppWatcherSpec;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired Pod of one watcher: the watcher image run as {@code watcher <kind> --vault /vault
 * --health-port 8080}, the vault claim at /vault, credentials only as Secret volumes, a restricted
 * security context, and {@code restartPolicy: Never} because the operator owns restarts.
 */
public final class WatcherPod {

    public static final String CONTAINER = "watcher";
    public static final String VAULT_PATH = "/vault";
    public static final int HEALTH_PORT = 8080;
    public static final String GMAIL_CREDENTIALS_DIR = "/var/run/secrets/aiemployee/gmail";
    public static final String SMTP_CREDENTIALS_DIR = "/var/run/secrets/aiemployee/smtp";
    public static final String WHATSAPP_SESSION_DIR = "/session";
    /** UID/GID the watchers run as (non-root; fsGroup makes the vault writable). */
    public static final long RUN_AS = 10001L;
    /** Environment variables the operator sets; the spec may not override them. */
    public static final List<String> RESERVED_ENV = List.of("VAULT_PATH", "HEALTH_PORT", "HOME");

    private WatcherPod() {
    }

    /** The pod number {@code serial} of the watcher, created at restart count {@code restartCount}. */
    public static Pod desired(AIEmployee owner, WatcherKind kind, long serial, int restartCount) {
        PodSpec spec = podSpec(owner, kind);
        return PodTemplates.pod(owner, Workload.of(kind), serial, restartCount, spec);
    }

    /** Hash of the pod spec the AIEmployee asks for now; pods with another hash are replaced. */
    public static String templateHash(AIEmployee owner, WatcherKind kind) {
        return PodTemplates.hash(podSpec(owner, kind));
    }

    static PodSpec podSpec(AIEmployee owner, WatcherKind kind) {
        WatcherSettings settings = owner.getSpec().effectiveWatchers().settingsOf(kind);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(PodTemplates.vaultVolume(owner));
        mounts.add(PodTemplates.vaultMount());
        volumes.add(PodTemplates.tmpVolume());
        mounts.add(PodTemplates.tmpMount());

        List<EnvVar> env = new ArrayList<>();
        env.add(env("VAULT_PATH", VAULT_PATH));
        env.add(env("HEALTH_PORT", String.valueOf(HEALTH_PORT)));
        env.add(env("HOME", "/tmp"));

        switch (kind) {
            case GMAIL -> {
                var gmail = (GmailWatcherSpec) settings;
                if (gmail.credentialsSecret() != null) {
                    volumes.add(secretVolume("gmail-credentials", gmail.credentialsSecret()));
                    mounts.add(mount("gmail-credentials", GMAIL_CREDENTIALS_DIR, true));
                }
                env.add(env("GMAIL_CREDENTIALS_DIR", GMAIL_CREDENTIALS_DIR));
                env.add(env("GMAIL_QUERY", gmail.query() != null ? gmail.query() : GmailWatcherSpec.DEFAULT_QUERY));
                env.add(env("GMAIL_POLL_INTERVAL_SECONDS", String.valueOf(gmail.pollIntervalSeconds() != null
                        ? gmail.pollIntervalSeconds() : GmailWatcherSpec.DEFAULT_POLL_INTERVAL_SECONDS)));
            }
            case WHATSAPP -> {
                var whatsapp = (WhatsAppWatcherSpec) settings;
                if (whatsapp.sessionClaim() != null) {
                    volumes.add(new VolumeBuilder().withName("whatsapp-session").withNewPersistentVolumeClaim()
                            .withClaimName(whatsapp.sessionClaim()).endPersistentVolumeClaim().build());
                    mounts.add(mount("whatsapp-session", WHATSAPP_SESSION_DIR, false));
                }
                // Chromium needs a larger /dev/shm than the container default
                volumes.add(new VolumeBuilder().withName("dshm").withNewEmptyDir().withMedium("Memory")
                        .withSizeLimit(new Quantity("256Mi")).endEmptyDir().build());
                mounts.add(mount("dshm", "/dev/shm", false));
                env.add(env("WHATSAPP_SESSION_DIR", WHATSAPP_SESSION_DIR));
                env.add(env("WHATSAPP_KEYWORDS", String.join(",", whatsapp.keywords() != null
                        ? whatsapp.keywords() : WhatsAppWatcherSpec.DEFAULT_KEYWORDS)));
            }
            case APPROVAL -> {
                var approval = (ApprovalWatcherSpec) settings;
                if (approval.smtpSecret() != null) {
                    volumes.add(secretVolume("smtp-credentials", approval.smtpSecret()));
                    mounts.add(mount("smtp-credentials", SMTP_CREDENTIALS_DIR, true));
                    env.add(env("SMTP_CREDENTIALS_DIR", SMTP_CREDENTIALS_DIR));
                }
                env.add(env("DRY_RUN", String.valueOf(approval.effectiveDryRun())));
            }
            case FILESYSTEM -> {
            }
        }
        if (settings.env() != null) {
            env.addAll(settings.env());
        }

        Container container = PodTemplates.restrictedContainer(CONTAINER,
                        settings.image() != null ? settings.image() : DefaultImages.of(kind))
                .withCommand("watcher")
                .withArgs(kind.id(), "--vault", VAULT_PATH, "--health-port", String.valueOf(HEALTH_PORT))
                .withEnv(env)
                .withResources(settings.resources() != null ? settings.resources() : defaultResources(kind))
                .withVolumeMounts(mounts)
                .build();
        return PodTemplates.restrictedPod(owner, container, volumes).build();
    }

    static ResourceRequirements defaultResources(WatcherKind kind) {
        boolean browser = kind == WatcherKind.WHATSAPP;
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(browser ? "200m" : "50m"))
                .addToRequests("memory", new Quantity(browser ? "512Mi" : "128Mi"))
                .addToLimits("memory", new Quantity(browser ? "1Gi" : "256Mi"))
                .build();
    }

    private static Volume secretVolume(String name, String secretName) {
        return new VolumeBuilder().withName(name)
                .withNewSecret().withSecretName(secretName).withDefaultMode(0440).endSecret().build();
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return PodTemplates.mount(name, path, readOnly);
    }

    private static EnvVar env(String name, String value) {
        return PodTemplates.env(name, value);
    }
}
