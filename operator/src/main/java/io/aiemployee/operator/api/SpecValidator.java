package io.aiemployee.operator.api;

import io.aiemployee.operator.resources.WatcherPod;
import io.aiemployee.watcher.WatcherKind;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules the CRD schema cannot express (they span several fields or need Kubernetes quantity
 * arithmetic). Each problem names the field: "spec.restartPolicy.maxDelaySeconds: ...". Pure.
 */
public final class SpecValidator {

    /** Watcher pods carry the name as a label value, which Kubernetes limits to 63 characters. */
    public static final int MAX_NAME_LENGTH = 63;

    private SpecValidator() {
    }

    public static List<String> validate(AIEmployee resource) {
        var problems = new ArrayList<String>();
        String name = resource.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add("metadata.name: must be at most " + MAX_NAME_LENGTH + " characters (it becomes a label value)");
        }
        AIEmployeeSpec spec = resource.getSpec();
        if (spec == null) {
            return problems;
        }
        var restart = spec.effectiveRestartPolicy();
        if (restart.initialDelaySeconds() != null && restart.maxDelaySeconds() != null
                && restart.maxDelaySeconds() < restart.initialDelaySeconds()) {
            problems.add("spec.restartPolicy.maxDelaySeconds: " + restart.maxDelaySeconds()
                    + " must not be smaller than initialDelaySeconds (" + restart.initialDelaySeconds() + ")");
        } else {
            try {
                restart.toRestartPolicy();
            } catch (IllegalArgumentException e) {
                problems.add("spec.restartPolicy: " + e.getMessage());
            }
        }
        var vault = spec.effectiveVault();
        if (vault.existingClaim() != null && (vault.size() != null || vault.storageClassName() != null)) {
            problems.add("spec.vault.existingClaim: size and storageClassName apply only to the claim the operator "
                    + "creates; remove them or existingClaim");
        }
        var watchers = spec.effectiveWatchers();
        for (WatcherKind kind : WatcherKind.values()) {
            WatcherSettings settings = watchers.settingsOf(kind);
            if (settings == null) {
                continue;
            }
            String path = "spec.watchers." + kind.id();
            if (settings.effectiveEnabled()) {
                if (settings instanceof GmailWatcherSpec gmail && gmail.credentialsSecret() == null) {
                    problems.add(path + ".credentialsSecret: required when the Gmail watcher is enabled");
                }
                if (settings instanceof WhatsAppWatcherSpec whatsapp && whatsapp.sessionClaim() == null) {
                    problems.add(path + ".sessionClaim: required when the WhatsApp watcher is enabled");
                }
            }
            checkImage(path + ".image", settings.image(), problems);
            checkEnv(path + ".env", settings.env(), problems);
            checkResources(path + ".resources", settings.resources(), problems);
        }
        return problems;
    }

    /**
     * An image reference as the container runtime parses it: [registry[:port]/]path[:tag][@digest],
     * lower-case path components, at most 255 characters of name (distribution/reference grammar).
     */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$");
    private static final int MAX_IMAGE_NAME_LENGTH = 255;

    private static void checkImage(String path, String image, List<String> problems) {
        if (image == null) {
            return;
        }
        Matcher m = IMAGE_REFERENCE.matcher(image);
        if (!m.matches()) {
            problems.add(path + ": '" + abbreviate(image) + "' is not a valid image reference");
        } else if (m.group("name").length() > MAX_IMAGE_NAME_LENGTH) {
            problems.add(path + ": image name is longer than " + MAX_IMAGE_NAME_LENGTH + " characters");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }

    private static void checkEnv(String path, List<EnvVar> env, List<String> problems) {
        if (env == null) {
            return;
        }
        for (int i = 0; i < env.size(); i++) {
            EnvVar var = env.get(i);
            String at = path + "[" + i + "]";
            if (var == null || var.getName() == null || var.getName().isBlank()) {
                problems.add(at + ".name: required");
            } else if (WatcherPod.RESERVED_ENV.contains(var.getName())) {
                problems.add(at + ".name: " + var.getName() + " is set by the operator");
            } else if (var.getValueFrom() != null && var.getValue() != null) {
                problems.add(at + ": value and valueFrom are mutually exclusive");
            }
        }
    }

    private static void checkResources(String path, ResourceRequirements resources, List<String> problems) {
        if (resources == null) {
            return;
        }
        Map<String, Quantity> requests = resources.getRequests() == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, BigDecimal> parsedLimits = new HashMap<>();
        for (var e : limits.entrySet()) {
            BigDecimal amount = amount(path + ".limits." + e.getKey(), e.getValue(), problems);
            if (amount != null) {
                parsedLimits.put(e.getKey(), amount);
            }
        }
        for (var e : requests.entrySet()) {
            BigDecimal request = amount(path + ".requests." + e.getKey(), e.getValue(), problems);
            BigDecimal limit = parsedLimits.get(e.getKey());
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                problems.add(path + ".requests." + e.getKey() + ": " + e.getValue() + " exceeds the limit "
                        + limits.get(e.getKey()));
            }
        }
    }

    private static BigDecimal amount(String path, Quantity quantity, List<String> problems) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException e) {
            problems.add(path + ": '" + quantity + "' is not a valid quantity");
            return null;
        }
    }
}
