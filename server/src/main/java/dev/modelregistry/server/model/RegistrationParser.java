package dev.modelregistry.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.Hex;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.JsonFields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a registration body into a {@link Registration}, reporting every invalid field at once. */
final class RegistrationParser {
    static final int MAX_PARENTS = 256;
    static final int MAX_LABELS = 64;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private RegistrationParser() {
    }

    static Registration parse(JsonFields fields) {
        fields.allowOnly("code_commit", "feature_graph_hash", "data_window", "owner", "evaluation", "hyperparams",
                "parents", "training_distribution", "labels");
        String commit = fields.requiredString("code_commit", 64);
        if (commit != null) {
            fields.valid(() -> Hex.require("code_commit", commit, 7, 64));
        }
        String featureGraph = fields.requiredString("feature_graph_hash", 128);
        if (featureGraph != null) {
            fields.valid(() -> Hex.require("feature_graph_hash", featureGraph, 7, 128));
        }
        DataWindow window = dataWindow(fields);
        Optional<String> owner = fields.optionalString("owner", 63);
        owner.ifPresent(o -> fields.valid(() -> Slug.require("owner", o)));
        Optional<Version.Evaluation> evaluation = fields.optionalNested("evaluation").map(nested -> {
            nested.allowOnly("report_id", "objective");
            String reportId = nested.requiredString("report_id", 128);
            String objective = nested.requiredString("objective", 128);
            return new Version.Evaluation(reportId, objective);
        });
        Optional<ObjectNode> hyperparams = finite(fields, "hyperparams");
        List<ModelId> parents = parents(fields);
        Optional<ObjectNode> trainingDistribution = finite(fields, "training_distribution");
        Map<String, String> labels = labels(fields);
        fields.throwIfInvalid();
        return new Registration(commit, featureGraph, window, owner, evaluation, hyperparams, parents,
                trainingDistribution, labels);
    }

    /**
     * An optional object whose numbers all fit a double. A number such as 1e400 would otherwise be stored and hashed
     * as the string "Infinity", so two different lineages (1e400 and "Infinity") would share one identity.
     */
    private static Optional<ObjectNode> finite(JsonFields fields, String field) {
        Optional<ObjectNode> object = fields.optionalObject(field);
        if (object.isPresent() && hasNonFiniteNumber(object.get())) {
            fields.error(field, "numbers must be finite IEEE 754 doubles (RFC 8785)");
        }
        return object;
    }

    private static boolean hasNonFiniteNumber(JsonNode node) {
        if (node.isNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (hasNonFiniteNumber(child)) {
                return true;
            }
        }
        return false;
    }

    private static DataWindow dataWindow(JsonFields fields) {
        Optional<ArrayNode> array = fields.requiredArray("data_window");
        if (array.isEmpty()) {
            return null;
        }
        ArrayNode window = array.get();
        if (window.size() != 2 || !window.get(0).isTextual() || !window.get(1).isTextual()) {
            fields.error("data_window", "must be [start, end]: two ISO-8601 dates or RFC 3339 timestamps");
            return null;
        }
        return fields.valid(() -> new DataWindow(window.get(0).textValue(), window.get(1).textValue()));
    }

    private static List<ModelId> parents(JsonFields fields) {
        Optional<ArrayNode> array = fields.optionalArray("parents");
        List<ModelId> parents = new ArrayList<>();
        if (array.isEmpty()) {
            return parents;
        }
        if (array.get().size() > MAX_PARENTS) {
            fields.error("parents", "at most " + MAX_PARENTS + " parents");
            return parents;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode parent = array.get().get(i);
            String field = "parents[" + i + "]";
            if (!parent.isTextual()) {
                fields.error(field, "must be a model_id string");
            } else if (!seen.add(parent.textValue())) {
                fields.error(field, "names " + parent.textValue() + " twice");
            } else {
                // Not fields.valid(): ModelId reports its own field names ("model_id", "name"), not parents[i].
                try {
                    parents.add(ModelId.parse(parent.textValue()));
                } catch (RegistryException e) {
                    fields.error(field, "must look like {name}@{YYYY.MM.DD}-r{N}");
                }
            }
        }
        return parents;
    }

    private static Map<String, String> labels(JsonFields fields) {
        Map<String, String> labels = new LinkedHashMap<>();
        fields.optionalObject("labels").ifPresent(object -> {
            if (object.size() > MAX_LABELS) {
                fields.error("labels", "at most " + MAX_LABELS + " labels");
                return;
            }
            object.fields().forEachRemaining(entry -> {
                String field = "labels." + entry.getKey();
                if (!LabelFilter.KEY.matcher(entry.getKey()).matches()) {
                    fields.error(field, LabelFilter.KEY_RULE);
                } else if (!entry.getValue().isTextual()
                        || entry.getValue().textValue().length() > LabelFilter.MAX_VALUE_LENGTH
                        || CONTROL.matcher(entry.getValue().textValue()).find()) {
                    fields.error(field, "label values are strings of at most " + LabelFilter.MAX_VALUE_LENGTH
                            + " characters without control characters");
                } else {
                    labels.put(entry.getKey(), entry.getValue().textValue());
                }
            });
        });
        return labels;
    }
}
