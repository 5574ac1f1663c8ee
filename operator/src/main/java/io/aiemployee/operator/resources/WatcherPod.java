package io.aiemployee.operator.resources;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.api.ApprovalWatcherSpec;
import io.aiemployee.operator.api.GmailWatcherSpec;
import io.aiemployee.operator.api.WatcherSettings;
import io.aiemployee.operator.api.WhatsAppWatcherSpec;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private WatcherPod() {
    }

    /** The pod number {@code serial} of the watcher. */
    public static Pod desired(AIEmployee owner, WatcherKind kind, long serial) {
        PodSpec spec = podSpec(owner, kind);
        return new PodBuilder()
                .withNewMetadata()
                    .withName(PodNames.podName(owner.getMetadata().getName(), kind, serial))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(Labels.forWatcherPod(owner, kind, serial))
                    .withAnnotations(Map.of(
                            Labels.SPEC_GENERATION, String.valueOf(generation(owner)),
                            Labels.TEMPLATE_HASH, hash(spec)))
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** Hash of the pod spec the AIEmployee asks for now; pods with another hash are replaced. */
    public static String templateHash(AIEmployee owner, WatcherKind kind) {
        return hash(podSpec(owner, kind));
    }

    static PodSpec podSpec(AIEmployee owner, WatcherKind kind) {
        WatcherSettings settings = owner.getSpec().effectiveWatchers().settingsOf(kind);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("vault")
                .withNewPersistentVolumeClaim().withClaimName(VaultClaim.claimName(owner)).endPersistentVolumeClaim().build());
        mounts.add(mount("vault", VAULT_PATH, false));
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir().build());
        mounts.add(mount("tmp", "/tmp", false));

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

        Container container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.image() != null ? settings.image() : DefaultImages.of(kind))
                .withImagePullPolicy("IfNotPresent")
                .withCommand("watcher")
                .withArgs(kind.id(), "--vault", VAULT_PATH, "--health-port", String.valueOf(HEALTH_PORT))
                .withEnv(env)
                .addNewPort().withName("health").withContainerPort(HEALTH_PORT).withProtocol("TCP").endPort()
                .withResources(settings.resources() != null ? settings.resources() : defaultResources(kind))
                .withVolumeMounts(mounts)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewLivenessProbe()
                    .withNewHttpGet().withPath("/healthz").withNewPort("health").endHttpGet()
                    .withInitialDelaySeconds(10).withPeriodSeconds(10).withTimeoutSeconds(2).withFailureThreshold(3)
                .endLivenessProbe()
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true)
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .build();

        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withContainers(container)
                .withVolumes(volumes)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(10L)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(RUN_AS)
                    .withRunAsGroup(RUN_AS)
                    .withFsGroup(RUN_AS)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                // the vault claim is ReadWriteOnce: keep all watchers of one AIEmployee on the same node
                .withNewAffinity().withNewPodAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withNewLabelSelector().addToMatchLabels(Labels.INSTANCE, owner.getMetadata().getName())
                        .addToMatchLabels(Labels.NAME, Labels.APP_NAME).endLabelSelector()
                    .withTopologyKey("kubernetes.io/hostname")
                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAffinity().endAffinity()
                .build();
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
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static long generation(AIEmployee owner) {
        Long generation = owner.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private static String hash(PodSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SERIALIZATION.asJson(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
