package dev.modelregistry.client;

import java.util.List;

/**
 * The result of {@link RegistryClient#verifyAuditSince}: whether the log is an append-only extension of the saved
 * checkpoint ({@code fromSize} leaves) up to the current one ({@code toSize}, whose note is {@code checkpoint}), how
 * many entries added since were rehashed and signature-checked, and what did not hold.
 */
public record AuditCheck(boolean ok, long fromSize, long toSize, long entriesChecked, List<String> problems,
                         String checkpoint) {
    public AuditCheck {
        problems = List.copyOf(problems);
    }
}
