package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What the vault-keeper reports in {@code status.vault}: the files waiting in the vault's folders,
 * when it counted them, and, once the AIEmployee is being deleted, when it wrote the Offline row into
 * Dashboard.md ({@code offlineWrittenAt}, the acknowledgement the deletion finalizer waits for).
 * The field stays free-form in the schema; these are the keys the keeper writes and the operator
 * reads. Times are RFC 3339 strings (UTC).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VaultReport(Integer inbox, Integer needsAction, Integer pendingApproval, Integer approved, Integer done,
                          String updatedAt, String offlineWrittenAt) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads {@code status.vault}; empty when absent or not an object. Unknown keys are ignored. */
    public static Optional<VaultReport> of(AIEmployeeStatus status) {
        JsonNode vault = status == null ? null : status.vault();
        if (vault == null || !vault.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new VaultReport(integer(vault, "inbox"), integer(vault, "needsAction"),
                integer(vault, "pendingApproval"), integer(vault, "approved"), integer(vault, "done"),
                text(vault, "updatedAt"), text(vault, "offlineWrittenAt")));
    }

    /** The JSON merge patch that sets these fields (and only these) in {@code status.vault}. */
    public String asStatusMergePatch() {
        ObjectNode patch = MAPPER.createObjectNode();
        patch.putObject("status").set("vault", MAPPER.valueToTree(this));
        return patch.toString();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
