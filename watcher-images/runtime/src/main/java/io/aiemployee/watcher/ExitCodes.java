package io.aiemployee.watcher;

/** Process exit codes every watcher uses; the operator and local mode act on them. */
public final class ExitCodes {
    /** Stopped cleanly (SIGTERM, or the work is done). */
    public static final int OK = 0;
    /** Crashed: restart with backoff. */
    public static final int CRASH = 1;
    /** EX_CONFIG from sysexits.h: missing or invalid credentials, login needed. Do not restart in a loop. */
    public static final int CONFIG_ERROR = 78;

    private ExitCodes() {
    }
}
