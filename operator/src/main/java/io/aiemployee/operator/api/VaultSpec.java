package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The vault volume shared by all watcher pods, mounted at /vault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VaultSpec(
        @JsonPropertyDescription("Requested size of the claim <name>-vault the operator creates, e.g. 1Gi. Default 1Gi. Not allowed with existingClaim.")
        @Pattern(QUANTITY_PATTERN)
        String size,

        @JsonPropertyDescription("Storage class of the created claim; the cluster default when omitted. Not allowed with existingClaim.")
        @Pattern(DNS_SUBDOMAIN_PATTERN)
        String storageClassName,

        @JsonPropertyDescription("Use this existing PersistentVolumeClaim (same namespace) instead of creating <name>-vault. The operator never modifies or deletes it.")
        @Pattern(DNS_SUBDOMAIN_PATTERN)
        String existingClaim,

        @JsonPropertyDescription("Retain (default): the created claim survives deletion of the AIEmployee. Delete: it is owned by the AIEmployee and deleted with it.")
        @Default("Retain")
        ReclaimPolicy reclaimPolicy) {

    public static final String QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    public static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String DEFAULT_SIZE = "1Gi";
    public static final VaultSpec DEFAULTS = new VaultSpec(null, null, null, null);

    public String effectiveSize() {
        return size == null ? DEFAULT_SIZE : size;
    }

    public ReclaimPolicy effectiveReclaimPolicy() {
        return reclaimPolicy == null ? ReclaimPolicy.Retain : reclaimPolicy;
    }
}
