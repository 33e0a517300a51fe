package dev.modelregistry.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the templates print values: times in UTC to the second, sizes in binary units, stored JSON indented, and the
 * console's own links. Every string returned here is still escaped by the template that prints it.
 */
public final class Show {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What each promotion gate means, in words; a rule added later without words here shows its name. */
    private static final java.util.Map<String, String> RULES = java.util.Map.of(
            "approver_in_acl", "You are in the approver ACL",
            "approver_is_caller", "The approver named is you",
            "not_registrant", "You did not register this version (four eyes)",
            "evaluation_passed", "A signed evaluation report bound to the lineage hash passed",
            "accountable", "The model is not an orphan",
            "not_expired", "The model has not expired",
            "sealed", "The version is sealed",
            "children_not_rejected", "No version it consumes is rejected");

    private Show() {
    }

    public static String rule(String rule) {
        return RULES.getOrDefault(rule, rule);
    }

    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** Machine-readable time for {@code <time datetime>}. */
    public static String isoTime(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Stored JSON text indented for reading; absent ({@code null} text or JSON null) prints as a dash. */
    public static String json(String stored) {
        if (stored == null) {
            return "—";
        }
        JsonNode node = Json.readStored(stored);
        if (node == null || node.isNull()) {
            return "—";
        }
        return json(node);
    }

    public static String json(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static String modelHref(Object model) {
        return ConsoleApp.PREFIX + "/models/" + segment(model.toString());
    }

    public static String versionHref(ModelId modelId) {
        return modelHref(modelId.model()) + "/versions/" + segment(modelId.toString());
    }

    /** The console's download link of an artifact: each segment of its path encoded on its own. */
    public static String artifactHref(ModelId modelId, String path) {
        StringBuilder href = new StringBuilder(versionHref(modelId)).append("/artifacts");
        for (String part : path.split("/", -1)) {
            href.append('/').append(segment(part));
        }
        return href.toString();
    }

    /** A query parameter's value encoded for a URL. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment: percent-encoded but for {@code @}, which a segment may hold and every model_id has. */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }
}
