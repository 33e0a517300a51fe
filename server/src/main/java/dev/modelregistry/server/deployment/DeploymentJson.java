package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.ModelJson;

import java.util.List;
import java.util.Map;

/** The API's JSON of deployments and their history (audit details use the same shapes). */
public final class DeploymentJson {
    private DeploymentJson() {
    }

    /** The split without the manifest: {model, revision, production, canary}. */
    public static ObjectNode state(DeploymentState state) {
        ObjectNode json = Json.object().put("model", state.model().value()).put("revision", state.revision());
        json.set("production", state.production().map(DeploymentJson::slot).orElse(null));
        json.set("canary", state.canary().map(DeploymentJson::slot).orElse(null));
        return json;
    }

    private static ObjectNode slot(DeploymentState.Slot slot) {
        return Json.object().put("model_id", slot.modelId().toString()).put("pct", slot.pct());
    }

    /** GET /models/{name}/deployment: the split, the signed manifest and, under deprecation pressure, why. */
    public static ObjectNode view(DeploymentView view) {
        ObjectNode json = state(view.state());
        json.set("manifest", view.manifest().toJson());
        if (view.health().state() != Health.OK) {
            json.set("deprecation", ModelJson.health(view.health()));
        }
        return json;
    }

    /**
     * GET /models/{name}/deployment?at=T and each item of GET /deployments: the split in force at {@code at} with
     * its manifest's entries but no manifest. A deploy guard loads only a signed manifest, so it can never take an
     * answer about the past for the deployment in force now.
     */
    public static ObjectNode past(PastDeployment past) {
        ObjectNode json = state(past.state());
        Json.putTime(json, "at", past.at());
        Json.putTime(json, "changed_at", past.state().updatedAt());
        json.set("entries", entries(past.state(), past.artifacts()));
        return json;
    }

    /** The manifest's entries: each version taking traffic, its lineage hash, share, role and artifacts. */
    static ArrayNode entries(DeploymentState state, Map<Long, List<Artifact>> artifactsByVersion) {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        state.production().ifPresent(slot -> entries.add(entry(slot, "production", artifactsByVersion)));
        state.canary().ifPresent(slot -> entries.add(entry(slot, "canary", artifactsByVersion)));
        return entries;
    }

    private static ObjectNode entry(DeploymentState.Slot slot, String role, Map<Long, List<Artifact>> byVersion) {
        ObjectNode entry = Json.object().put("model_id", slot.modelId().toString())
                .put("lineage_hash", slot.lineageHash().value())
                .put("pct", slot.pct()).put("role", role);
        ArrayNode artifacts = entry.putArray("artifacts");
        byVersion.getOrDefault(slot.versionRowId(), List.of()).forEach(a ->
                artifacts.addObject().put("path", a.path()).put("sha256", a.sha256()).put("size", a.size()));
        return entry;
    }

    /** GET .../promotion-readiness: {model_id, approver, ready, checks: [{rule, met, problem_type, detail}]}. */
    public static ObjectNode readiness(PromotionReadiness readiness) {
        ObjectNode json = Json.object().put("model_id", readiness.modelId().toString())
                .put("approver", readiness.approver()).put("ready", readiness.ready());
        ArrayNode checks = json.putArray("checks");
        for (GateCheck check : readiness.checks()) {
            checks.add(Json.object().put("rule", check.rule()).put("met", check.met())
                    .put("problem_type", check.refusal() == null ? null : check.refusal().type())
                    .put("detail", check.detail()));
        }
        return json;
    }

    public static ObjectNode change(DeploymentChange change) {
        ObjectNode json = state(change.after());
        if (change.reason() != null) {
            json.put("reason", change.reason());
        }
        return json;
    }

    public static ObjectNode history(HistoryEntry entry) {
        ObjectNode json = Json.object().put("revision", entry.revision());
        int canaryPct = entry.canaryPct() == null ? 0 : entry.canaryPct();
        json.set("production", entry.production()
                .map(id -> Json.object().put("model_id", id.toString()).put("pct", 100 - canaryPct)).orElse(null));
        json.set("canary", entry.canary()
                .map(id -> Json.object().put("model_id", id.toString()).put("pct", canaryPct)).orElse(null));
        json.put("action", entry.action()).put("actor", entry.actor()).put("reason", entry.reason());
        return Json.putTime(json, "changed_at", entry.changedAt());
    }
}
