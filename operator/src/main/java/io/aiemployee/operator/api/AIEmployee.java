package io.aiemployee.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Personal AI Employee: its watchers, the vault they share, and how they are restarted. */
@Group(AIEmployee.GROUP)
@Version(AIEmployee.VERSION)
@Kind("AIEmployee")
@Plural("aiemployees")
@Singular("aiemployee")
@ShortNames("aie")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.systemStatus")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyWatchers")
@AdditionalPrinterColumn(name = "Restarts", jsonPath = ".status.restarts", type = AdditionalPrinterColumn.Type.INTEGER)
// files waiting in Pending_Approval, as the vault-keeper counted them (status.vault)
@AdditionalPrinterColumn(name = "Pending", jsonPath = ".status.vault.pendingApproval", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AIEmployee extends CustomResource<AIEmployeeSpec, AIEmployeeStatus> implements Namespaced {

    public static final String GROUP = "aiemployee.io";
    public static final String VERSION = "v1alpha1";

    public AIEmployee() {
    }

    public AIEmployee(String namespace, String name, AIEmployeeSpec spec) {
        getMetadata().setNamespace(namespace);
        getMetadata().setName(name);
        setSpec(spec);
    }
}
