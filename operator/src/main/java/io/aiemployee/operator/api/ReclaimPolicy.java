package io.aiemployee.operator.api;

/** What happens to the vault claim the operator created when the AIEmployee is deleted. */
public enum ReclaimPolicy {
    /** The claim survives (it holds the user's data). */
    Retain,
    /** The claim is owned by the AIEmployee and garbage-collected with it. */
    Delete
}
