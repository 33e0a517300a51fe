package dev.modelregistry.server.lineage;

/** The answer of {@code GET /lineage/fills/{fill_id}}: the fill and everything its signal leads to. */
public record FillLineage(String fillJson, Lineage lineage) {
}
