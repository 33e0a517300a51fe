package dev.modelregistry.cli;

import dev.modelregistry.client.ModelQuery;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The search flags of {@code modelreg models}: each one narrows the list, and all given must hold. */
public class ModelFilters {
    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Models whose name starts with PREFIX")
    private String namePrefix;

    @Option(names = "--q", paramLabel = "TEXT", description = "Models whose name contains TEXT (case-insensitive)")
    private String nameContains;

    @Option(names = "--owner", paramLabel = "TEAM", description = "Models owned by TEAM")
    private String owner;

    @Option(names = "--label", paramLabel = "KEY[:VALUE]",
            description = "Models with a version carrying this label, KEY:VALUE or KEY=VALUE as register takes it"
                    + " (repeat it: all must hold)")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--health", paramLabel = "STATE", description = "ok, warning, expired or orphan")
    private String health;

    ModelQuery query() {
        ModelQuery query = ModelQuery.all().namePrefix(namePrefix).nameContains(nameContains).owner(owner)
                .health(health);
        for (String label : labels) {
            query = query.label(ModelFilters.apiLabel(label));
        }
        return query;
    }

    /**
     * A label as the API writes it, {@code key:value}, from either that or register's {@code key=value}: keys hold
     * neither ':' nor '=', so the first of them is the separator and the value may contain both.
     */
    static String apiLabel(String label) {
        int colon = label.indexOf(':');
        int equals = label.indexOf('=');
        if (equals >= 0 && (colon < 0 || equals < colon)) {
            return label.substring(0, equals) + ":" + label.substring(equals + 1);
        }
        return label;
    }

    boolean byHealth() {
        return health != null;
    }
}
