package io.aiemployee.operator.restart;

/** A Kubernetes Event to record on the AIEmployee. {@code warning} selects type Warning over Normal. */
public record WatcherEvent(boolean warning, String reason, String message) {

    public static WatcherEvent normal(String reason, String message) {
        return new WatcherEvent(false, reason, message);
    }

    public static WatcherEvent warning(String reason, String message) {
        return new WatcherEvent(true, reason, message);
    }
}
