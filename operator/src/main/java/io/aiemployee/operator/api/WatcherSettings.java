package io.aiemployee.operator.api;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** What every watcher section of the spec has in common. */
public interface WatcherSettings {

    Boolean enabled();

    String image();

    ResourceRequirements resources();

    List<EnvVar> env();

    /** A present section runs unless it says {@code enabled: false}. */
    default boolean effectiveEnabled() {
        return !Boolean.FALSE.equals(enabled());
    }
}
