package io.aiemployee.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.aiemployee.watcher.WatcherKind;

/** The four watchers; an absent section means the watcher does not run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchersSpec(
        @JsonPropertyDescription("File System Watcher: Inbox/ to Needs_Action/.") FilesystemWatcherSpec filesystem,
        @JsonPropertyDescription("Gmail Inbox Watcher.") GmailWatcherSpec gmail,
        @JsonPropertyDescription("WhatsApp Watcher (WhatsApp Web in Chromium).") WhatsAppWatcherSpec whatsapp,
        @JsonPropertyDescription("Approval Handler: executes approved actions.") ApprovalWatcherSpec approval) {

    public static final WatchersSpec NONE = new WatchersSpec(null, null, null, null);

    /** The section of one watcher, or null when it is absent. */
    public WatcherSettings settingsOf(WatcherKind kind) {
        return switch (kind) {
            case FILESYSTEM -> filesystem;
            case GMAIL -> gmail;
            case WHATSAPP -> whatsapp;
            case APPROVAL -> approval;
        };
    }

    public boolean isEnabled(WatcherKind kind) {
        var settings = settingsOf(kind);
        return settings != null && settings.effectiveEnabled();
    }
}
