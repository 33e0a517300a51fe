package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finding models and versions by their filters ({@link ModelQuery}, {@link VersionQuery}), keyset-paged like every
 * list: one page ({@code after} the previous page's {@code next}, {@code limit} up to 500; either may be null), or
 * every page lazily. Reached through {@link RegistryClient#search()}, whose connection, token and error handling it
 * shares; a filter the registry refuses is a {@link ProblemException} naming it in {@code errors()}.
 */
public final class SearchClient {
    private final Transport transport;

    SearchClient(Transport transport) {
        this.transport = transport;
    }

    /** Models the query finds, by name; with a health filter each item carries its {@code health}. */
    public Page models(ModelQuery query, String after, Integer limit) {
        return page("/models", query.parameters(after, limit));
    }

    public Stream<JsonNode> allModels(ModelQuery query) {
        return Pages.all(after -> models(query, after, null));
    }

    /** One model's versions the query finds (its {@code model} is not used), in registration order. */
    public Page versions(String model, VersionQuery query, String after, Integer limit) {
        return page("/models/" + UriPaths.segment(model) + "/versions", query.parameters(false, after, limit));
    }

    public Stream<JsonNode> allVersions(String model, VersionQuery query) {
        return Pages.all(after -> versions(model, query, after, null));
    }

    /** Every model's versions the query finds ({@code GET /versions}), in registration order. */
    public Page versions(VersionQuery query, String after, Integer limit) {
        return page("/versions", query.parameters(true, after, limit));
    }

    public Stream<JsonNode> allVersions(VersionQuery query) {
        return Pages.all(after -> versions(query, after, null));
    }

    private Page page(String path, List<Map.Entry<String, String>> parameters) {
        return Pages.of(transport.get(path + UriPaths.query(parameters), Map.of()).body());
    }
}
