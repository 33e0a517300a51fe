package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A lineage answer as a human reads it, one step per indentation level: fill → signal → version with its lineage
 * (commit, feature graph, data window, hyperparams, owner) → evaluation → training distribution → deployment at
 * emission → the ensemble's children as a tree.
 */
final class LineageTrace {
    private static final int LABEL_WIDTH = 32;
    private static final int MAX_JSON = 300;
    private static final Set<String> FILL_KEYS = Set.of("fill_id", "signal_id", "executed_at");
    private static final Set<String> SIGNAL_KEYS = Set.of("signal_id", "model_id", "emitted_at");

    private final List<String> lines = new ArrayList<>();

    private LineageTrace() {
    }

    /** The answer of {@code GET /lineage/fills/{fill_id}}. */
    static List<String> ofFill(JsonNode answer) {
        LineageTrace trace = new LineageTrace();
        JsonNode fill = answer.path("fill");
        trace.line(0, "fill " + text(fill.get("fill_id")));
        trace.field(1, "executed_at", text(fill.get("executed_at")));
        trace.otherFields(1, fill, FILL_KEYS);
        JsonNode signal = answer.path("signal");
        if (!signal.isObject()) {
            trace.line(1, "signal " + text(fill.get("signal_id"))
                    + ": not arrived yet (the fill's lineage follows once the signal is ingested)");
            return trace.lines;
        }
        trace.signal(1, answer);
        return trace.lines;
    }

    /** The answer of {@code GET /lineage/signals/{signal_id}}, with the signal's fills at the end. */
    static List<String> ofSignal(JsonNode answer) {
        LineageTrace trace = new LineageTrace();
        trace.signal(0, answer);
        JsonNode fills = answer.path("fills");
        trace.line(1, "fills (" + fills.size() + (fills.size() >= 100 ? ", the first 100" : "") + ")");
        for (JsonNode fill : fills) {
            StringJoiner line = new StringJoiner("  ");
            line.add(text(fill.get("fill_id"))).add("executed " + text(fill.get("executed_at")));
            String others = others(fill, FILL_KEYS);
            if (!others.isEmpty()) {
                line.add(others);
            }
            trace.line(2, line.toString());
        }
        return trace.lines;
    }

    private void signal(int level, JsonNode answer) {
        JsonNode signal = answer.path("signal");
        line(level, "signal " + text(signal.get("signal_id")));
        field(level + 1, "emitted_at", text(signal.get("emitted_at")));
        otherFields(level + 1, signal, SIGNAL_KEYS);
        JsonNode version = answer.path("version");
        if (!version.isObject()) {
            line(level + 1, "version " + text(signal.get("model_id")) + ": unknown");
            return;
        }
        int v = level + 1;
        line(v, "version " + text(version.get("model_id")) + " (" + text(version.get("status")) + ")");
        field(v + 1, "lineage hash", text(version.get("lineage_hash")));
        field(v + 1, "commit", text(version.get("code_commit")));
        field(v + 1, "feature graph", text(version.get("feature_graph_hash")));
        JsonNode window = version.path("data_window");
        field(v + 1, "data window", text(window.get(0)) + " .. " + text(window.get(1)));
        field(v + 1, "hyperparams", json(version.get("hyperparams")));
        field(v + 1, "owner", text(version.get("owner")));
        field(v + 1, "registered", "by " + text(version.get("registered_by")) + " at "
                + text(version.get("registered_at")));
        if (!version.path("parents").isEmpty()) {
            field(v + 1, "parents", Output.text(version.get("parents")));
        }
        evaluation(v + 1, answer.path("evaluation"));
        field(v + 1, "training distribution", json(answer.get("training_distribution")));
        deployment(v + 1, answer.path("deployment_at_emission"));
        children(v + 1, answer);
    }

    private void evaluation(int level, JsonNode evaluation) {
        if (!evaluation.isObject()) {
            field(level, "evaluation", "- (no verified report)");
            return;
        }
        field(level, "evaluation", text(evaluation.get("report_id")) + ": " + text(evaluation.get("objective"))
                + ", " + text(evaluation.get("verdict")) + ", by " + text(evaluation.get("evaluator")));
        field(level + 1, "metrics", json(evaluation.get("metrics")));
    }

    private void deployment(int level, JsonNode deployed) {
        if (!deployed.isObject()) {
            field(level, "deployment at emission", "none: the model was not deployed when the signal was emitted");
            return;
        }
        String role = deployed.path("role").isTextual()
                ? "this version was " + ("canary".equals(deployed.get("role").asText()) ? "the canary" : "production")
                : "this version was not deployed";
        field(level, "deployment at emission", "revision " + text(deployed.get("revision")) + " since "
                + text(deployed.get("changed_at")) + ": " + role);
        for (String slot : List.of("production", "canary")) {
            JsonNode at = deployed.path(slot);
            field(level + 1, slot, at.isObject() ? text(at.get("model_id")) + " " + text(at.get("pct")) + "%" : "-");
        }
    }

    private void children(int level, JsonNode answer) {
        JsonNode children = answer.path("children");
        if (children.isEmpty()) {
            field(level, "children", "- (not an ensemble)");
            return;
        }
        line(level, "children");
        tree(level + 1, children);
        if (answer.path("children_truncated").asBoolean(false)) {
            line(level + 1, "... cut short (deeper than 32 levels or too many nodes); see `modelreg graph`");
        }
    }

    private void tree(int level, JsonNode children) {
        for (JsonNode child : children) {
            JsonNode version = child.path("version");
            line(level, text(version.get("model_id")) + " (" + text(version.get("status")) + ")  commit "
                    + text(version.get("code_commit")) + "  feature graph " + text(version.get("feature_graph_hash")));
            tree(level + 1, child.path("children"));
        }
    }

    private void otherFields(int level, JsonNode body, Set<String> shown) {
        String others = others(body, shown);
        if (!others.isEmpty()) {
            field(level, "fields", others);
        }
    }

    /** The event's own fields beyond its ids and time, {@code key=value} in the order they came. */
    private static String others(JsonNode body, Set<String> shown) {
        StringJoiner joined = new StringJoiner(" ");
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!shown.contains(field.getKey())) {
                JsonNode value = field.getValue();
                joined.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return clip(joined.toString());
    }

    private void field(int level, String label, String value) {
        int width = Math.max(LABEL_WIDTH - 2 * level, label.length() + 1);
        line(level, label + " ".repeat(width - label.length()) + " " + value);
    }

    private void line(int level, String text) {
        // Values come from the server and from whoever sent the events: no control character reaches the terminal.
        lines.add(("  ".repeat(level) + text).replaceAll("\\p{Cntrl}", "?").stripTrailing());
    }

    private static String text(JsonNode value) {
        return Output.text(value);
    }

    /** Compact JSON, cut at a readable length ({@code --json} prints it all). */
    private static String json(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        return clip(value.toString());
    }

    private static String clip(String text) {
        return text.length() <= MAX_JSON ? text : text.substring(0, MAX_JSON) + " ... (--json shows all)";
    }
}
