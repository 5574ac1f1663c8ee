package io.aiemployee.vault.dashboard;

/**
 * Dashboard.md has marker comments we cannot make sense of (a begin without its end, duplicates,
 * overlapping sections). The writer then leaves the file alone rather than guess which bytes are
 * the user's.
 */
public class DashboardFormatException extends RuntimeException {

    public DashboardFormatException(String message) {
        super(message);
    }
}
