package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.ModelJson;

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

    /** GET .../promotion-checks: {model_id, approver, ready, checks: [{rule, met, problem_type, detail}]}. */
    public static ObjectNode checklist(PromotionChecklist checklist) {
        ObjectNode json = Json.object().put("model_id", checklist.modelId().toString())
                .put("approver", checklist.approver()).put("ready", checklist.ready());
        ArrayNode checks = json.putArray("checks");
        for (GateCheck check : checklist.checks()) {
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
