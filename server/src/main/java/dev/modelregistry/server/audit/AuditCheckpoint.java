package dev.modelregistry.server.audit;

/** A published checkpoint: how many entries its tree holds, and the signed note itself (C2SP format). */
public record AuditCheckpoint(long treeSize, String note) {
}
