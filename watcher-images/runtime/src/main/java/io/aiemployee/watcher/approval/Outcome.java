package io.aiemployee.watcher.approval;

import io.aiemployee.watcher.approval.AuditLog.Decision;
import java.util.Map;

/**
 * What became of one approval: the decision, the folder it ends in, the fields added to its
 * frontmatter, and the result for the audit line.
 */
record Outcome(Decision decision, Destination destination, Map<String, Object> fields, Object auditResult) {

    enum Destination { DONE, FAILED, REJECTED }

    static Outcome failed(String reason) {
        return new Outcome(Decision.FAILED, Destination.FAILED, Map.of("status", "failed", "error", reason), reason);
    }
}
