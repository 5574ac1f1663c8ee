package io.aiemployee.operator.resources;

import io.aiemployee.watcher.WatcherImages;
import io.aiemployee.watcher.WatcherKind;
import java.util.Map;

/**
 * The image of a watcher whose AIEmployee names none: the operator's environment variable for that
 * image (the Helm chart sets them from {@code watcherImages}), else {@link WatcherImages}.
 */
public final class DefaultImages {

    /** The variable that overrides each default image. */
    public static final Map<String, String> VARIABLES = Map.of(
            WatcherImages.WATCHER, "WATCHER_IMAGE",
            WatcherImages.WATCHER_WHATSAPP, "WATCHER_WHATSAPP_IMAGE");

    private DefaultImages() {
    }

    public static String of(WatcherKind kind) {
        return of(kind, System.getenv());
    }

    public static String of(WatcherKind kind, Map<String, String> environment) {
        String override = environment.get(VARIABLES.get(kind.defaultImage()));
        return override == null || override.isBlank() ? kind.defaultImage() : override.strip();
    }
}
