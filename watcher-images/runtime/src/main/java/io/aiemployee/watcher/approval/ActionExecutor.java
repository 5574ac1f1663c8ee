package io.aiemployee.watcher.approval;

import io.aiemployee.vault.VaultLayout;
import java.util.Map;

/**
 * One kind of action an approval can name ({@code send_email}, {@code http_post}). Adding an
 * action means one more implementation registered in {@link ApprovalHandler}'s executor list.
 */
public interface ActionExecutor {

    /** The {@code action:} value this executor handles. */
    String action();

    /**
     * Checks the parameters and prepares the action without any side effect. Throws with a clear
     * reason when something is missing or wrong.
     */
    Prepared prepare(Parameters parameters, VaultLayout vault) throws InvalidApprovalException;

    /** An action ready to run. */
    interface Prepared {
        /** Exactly what {@link #execute()} would do, for the dry-run log and the audit trail. */
        String describe();

        /** Does it; returns the result fields recorded on the approval file (e.g. a message id, an HTTP status). */
        Map<String, Object> execute() throws Exception;
    }
}
