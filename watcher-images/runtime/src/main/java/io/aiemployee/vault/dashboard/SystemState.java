package io.aiemployee.vault.dashboard;

/** The state of the whole system as the dashboard shows it; the same four values as the AIEmployee status. */
public enum SystemState {
    PENDING("⏳ Pending"),
    ONLINE("✓ Online"),
    DEGRADED("⚠ Degraded"),
    OFFLINE("✗ Offline");

    private final String label;

    SystemState(String label) {
        this.label = label;
    }

    /** The Status cell of a System_Status row, e.g. {@code ✓ Online}. */
    public String label() {
        return label;
    }
}
