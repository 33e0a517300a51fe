package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.lineage.LineageQueryStore.Deployed;
import dev.modelregistry.server.lineage.LineageQueryStore.Report;
import dev.modelregistry.server.model.Version;

import java.util.List;
import java.util.Objects;

/**
 * What a signal leads to: the signal itself, the model version that emitted it with its whole lineage (the version's
 * own fields, its evaluation report, its training-distribution summary, its ensemble children recursively) and the
 * model's deployment when the signal was emitted. Every part but the signal may be absent (null).
 */
public record Lineage(String signalJson, Version version, Report evaluation, JsonNode trainingDistribution,
                      List<Child> children, boolean childrenTruncated, Deployed deploymentAtEmission) {
    /** One version an ensemble consumes, with what it consumes in turn. */
    public record Child(Version version, List<Child> children) {
        public Child {
            children = List.copyOf(children);
        }
    }

    public Lineage {
        children = List.copyOf(children);
    }

    /** The role the version had in the deployment at emission: "production", "canary", or null. */
    public String roleAtEmission() {
        if (version == null || deploymentAtEmission == null) {
            return null;
        }
        if (Objects.equals(deploymentAtEmission.productionId(), version.rowId())) {
            return "production";
        }
        return Objects.equals(deploymentAtEmission.canaryId(), version.rowId()) ? "canary" : null;
    }
}
