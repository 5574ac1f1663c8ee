package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.api.AIEmployee;
import io.aiemployee.operator.observe.Timestamps;
import io.aiemployee.operator.resources.Labels;
import io.aiemployee.operator.restart.WatcherEvent;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records Kubernetes Events on an AIEmployee (shown by {@code kubectl describe aie}). */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(AIEmployee target, WatcherEvent event) {
        var meta = target.getMetadata();
        String now = Timestamps.format(clock.instant());
        LOG.info("{}/{}: {} {}", meta.getNamespace(), meta.getName(), event.reason(), event.message());
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(new EventBuilder()
                    .withNewMetadata()
                        .withName(meta.getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                        .withNamespace(meta.getNamespace())
                    .endMetadata()
                    .withNewInvolvedObject()
                        .withApiVersion(target.getApiVersion()).withKind(target.getKind())
                        .withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid())
                        .withResourceVersion(meta.getResourceVersion())
                    .endInvolvedObject()
                    .withType(event.warning() ? "Warning" : "Normal")
                    .withReason(event.reason())
                    .withMessage(event.message())
                    .withCount(1)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withNewSource().withComponent(Labels.MANAGER).endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            // an event is informational; failing to record one must not fail the reconciliation
            LOG.warn("Could not record event {} on {}/{}: {}", event.reason(), meta.getNamespace(), meta.getName(),
                    e.getMessage());
        }
    }
}
