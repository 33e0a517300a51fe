package dev.modelregistry.server.lineage;

import java.util.List;

/** The answer of {@code GET /lineage/signals/{signal_id}}: the signal's lineage and its first fills. */
public record SignalLineage(Lineage lineage, List<String> fillsJson) {
    public SignalLineage {
        fillsJson = List.copyOf(fillsJson);
    }
}
