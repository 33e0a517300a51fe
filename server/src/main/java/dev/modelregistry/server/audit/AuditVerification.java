package dev.modelregistry.server.audit;

import java.util.List;

/** The result of checking every chain: how much was checked and what did not hold. */
public record AuditVerification(boolean ok, long entries, int chains, List<Problem> problems) {
    /** One broken link: where it is and why. {@code seq} is 0 when the problem is a missing entry. */
    public record Problem(String chain, long chainSeq, long seq, String reason) {
    }
}
