package dev.modelregistry.client;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which models {@code GET /models} finds: each part null (or no labels) when it does not filter, the others must
 * all hold. Built from {@link #all()} with the fluent setters, e.g.
 * {@code ModelQuery.all().owner("mid-freq-equities").label("asset:equities").health("warning")}.
 *
 * @param namePrefix   models whose name starts with it (case-insensitive)
 * @param nameContains models whose name contains it anywhere ({@code q}; case-insensitive, literal)
 * @param owner        models owned by this team
 * @param labels       {@code key} or {@code key:value}, each carried by some version of the model
 * @param health       ok, warning, expired or orphan (the items then carry their {@code health})
 */
public record ModelQuery(String namePrefix, String nameContains, String owner, List<String> labels, String health) {
    public ModelQuery {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** Every model. */
    public static ModelQuery all() {
        return new ModelQuery(null, null, null, List.of(), null);
    }

    public ModelQuery namePrefix(String prefix) {
        return new ModelQuery(prefix, nameContains, owner, labels, health);
    }

    public ModelQuery nameContains(String part) {
        return new ModelQuery(namePrefix, part, owner, labels, health);
    }

    public ModelQuery owner(String team) {
        return new ModelQuery(namePrefix, nameContains, team, labels, health);
    }

    /** One more label that must hold: {@code key} (any value) or {@code key:value}. */
    public ModelQuery label(String label) {
        List<String> more = new ArrayList<>(labels);
        more.add(label);
        return new ModelQuery(namePrefix, nameContains, owner, more, health);
    }

    public ModelQuery health(String state) {
        return new ModelQuery(namePrefix, nameContains, owner, labels, state);
    }

    /** The query string's parameters, with the page's cursor and size (either may be null). */
    List<Map.Entry<String, String>> parameters(String after, Integer limit) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(new SimpleEntry<>("name_prefix", namePrefix));
        parameters.add(new SimpleEntry<>("q", nameContains));
        parameters.add(new SimpleEntry<>("owner", owner));
        labels.forEach(label -> parameters.add(new SimpleEntry<>("label", label)));
        parameters.add(new SimpleEntry<>("health", health));
        parameters.add(new SimpleEntry<>("after", after));
        parameters.add(new SimpleEntry<>("limit", limit == null ? null : limit.toString()));
        return parameters;
    }
}
