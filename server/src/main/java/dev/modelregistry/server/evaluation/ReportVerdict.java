package dev.modelregistry.server.evaluation;

/** A stored evaluation report's id and whether it passed: what the promotion gates check. */
public record ReportVerdict(String reportId, boolean passed) {
}
