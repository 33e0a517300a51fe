package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code modelreg deprecation}: a model's own deprecation thresholds (warn, expire, orphan after so long without a new
 * version from its owning team), which override the server's global ones. The API sets them ({@code PATCH
 * /models/{name}}, admin) but answers none back, so {@code show} reads the last change from the audit log, which
 * records every one in the transaction that made it.
 */
@Command(name = "deprecation", mixinStandardHelpOptions = true,
        description = "A model's own deprecation thresholds (each falls back to the server's global one)")
final class DeprecationCommand {
    static final List<String> THRESHOLDS = List.of("warn_after", "expire_after", "orphan_after");
    private static final String DEFAULT = "default";
    private static final String POLICY_CHANGED = "model.policy_changed";
    private static final long SECONDS_PER_DAY = 86_400;

    @Command(name = "show", description = {"Show MODEL's thresholds ('default': the server's global one), who set "
            + "them and when, and its health with the dates it expires and is released as an orphan."})
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "MODEL") String model) {
        try (RegistryClient registry = options.connect()) {
            print(options.output(), registry.model(model), lastChange(registry, model));
        }
        return 0;
    }

    @Command(name = "set", description = {"Set some of MODEL's thresholds (admin); those not given keep their value.",
            "Each is an ISO-8601 duration (P90D, P12W, PT36H), at most P36500D, or 'default' for the server's global "
            + "one. They must stay ordered: warn <= expire <= orphan."})
    int set(@Mixin ClientOptions options, @Parameters(paramLabel = "MODEL") String model,
            @Option(names = "--warn-after", paramLabel = "DURATION",
                    description = "In 'warning' after this long without a new version") String warnAfter,
            @Option(names = "--expire-after", paramLabel = "DURATION",
                    description = "'expired' (no promotion) after this long") String expireAfter,
            @Option(names = "--orphan-after", paramLabel = "DURATION",
                    description = "Ownership released (an orphan) after this long") String orphanAfter) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("warn_after", warnAfter);
        given.put("expire_after", expireAfter);
        given.put("orphan_after", orphanAfter);
        if (given.values().stream().allMatch(value -> value == null)) {
            throw new ParameterException(options.verb(), "give at least one of --warn-after, --expire-after, "
                    + "--orphan-after (or use 'deprecation reset')");
        }
        try (RegistryClient registry = options.connect()) {
            ObjectNode policy = currentPolicy(lastChange(registry, model));
            given.forEach((field, value) -> {
                if (value != null) {
                    put(policy, field, DEFAULT.equalsIgnoreCase(value) ? null : value);
                }
            });
            apply(options, registry, model, policy);
        }
        return 0;
    }

    @Command(name = "reset", description = "Return every threshold of MODEL to the server's global one (admin)")
    int reset(@Mixin ClientOptions options, @Parameters(paramLabel = "MODEL") String model) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        THRESHOLDS.forEach(policy::putNull);
        try (RegistryClient registry = options.connect()) {
            apply(options, registry, model, policy);
        }
        return 0;
    }

    private static void apply(ClientOptions options, RegistryClient registry, String model, ObjectNode policy) {
        JsonNode answer = registry.setDeprecationPolicy(model, policy);
        print(options.output(), answer, lastChange(registry, model));
    }

    /** The newest policy change of the model in the audit log, or null when its thresholds were never set. */
    static JsonNode lastChange(RegistryClient registry, String model) {
        return registry.allAudit("model:" + model)
                .filter(entry -> POLICY_CHANGED.equals(entry.path("action").asText()))
                .reduce((older, newer) -> newer)
                .orElse(null);
    }

    /** The policy the change left, every threshold present (null: the global default). */
    static ObjectNode currentPolicy(JsonNode change) {
        JsonNode after = change == null ? null : change.path("detail").path("after");
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        for (String field : THRESHOLDS) {
            JsonNode value = after == null ? null : after.get(field);
            put(policy, field, value == null || !value.isTextual() ? null : inDays(value.asText()));
        }
        return policy;
    }

    /** The audit records a duration as Java writes it ({@code PT720H}); a whole number of days reads better as such. */
    static String inDays(String duration) {
        try {
            Duration parsed = Duration.parse(duration);
            return parsed.toSeconds() % SECONDS_PER_DAY == 0 ? "P" + parsed.toDays() + "D" : duration;
        } catch (DateTimeParseException e) {
            return duration;
        }
    }

    private static void put(ObjectNode policy, String field, String value) {
        if (value == null) {
            policy.putNull(field);
        } else {
            policy.put(field, value);
        }
    }

    /** {@code {model, deprecation_policy, set_at, set_by, health}}, or the same as aligned fields. */
    private static void print(Output output, JsonNode model, JsonNode change) {
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("model", model.path("name").asText());
        ObjectNode policy = currentPolicy(change);
        view.set("deprecation_policy", policy);
        view.set("set_at", change == null ? null : change.get("occurred_at"));
        view.set("set_by", change == null ? null : change.get("actor"));
        view.set("health", model.path("health"));
        if (output.json()) {
            output.json(view);
            return;
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("model", view.path("model").asText());
        THRESHOLDS.forEach(field -> fields.put(field, policy.path(field).asText(DEFAULT)));
        fields.put("set", change == null ? "never (all global defaults)"
                : Output.shortTime(change.path("occurred_at").asText()) + " by " + change.path("actor").asText());
        JsonNode health = model.path("health");
        fields.put("health", health.path("state").asText(Output.ABSENT));
        for (String field : List.of("since", "reason", "expires_at", "sunset")) {
            fields.put(field, Output.shortTime(Output.text(health.get(field))));
        }
        output.fields(fields);
    }
}
