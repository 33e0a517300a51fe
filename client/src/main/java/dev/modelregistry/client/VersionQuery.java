package dev.modelregistry.client;

import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which versions a version list finds, one model's ({@code GET /models/{name}/versions}) or every model's
 * ({@code GET /versions}): each part null (or no labels) when it does not filter, the others must all hold. Built
 * from {@link #all()} with the fluent setters, e.g. {@code VersionQuery.all().codeCommit("a13fce0").verdict("pass")}.
 *
 * @param model            only this model's versions (every model's search only)
 * @param status           candidate, canary, production, retired, rolled_back or rejected
 * @param labels           {@code key} or {@code key:value}, all carried by the version
 * @param codeCommit       7–64 lower-case hex, matched as a prefix (an abbreviated commit finds the full one)
 * @param featureGraphHash the whole feature-graph hash
 * @param lineageHash      the whole lineage hash
 * @param registeredBy     the principal that registered the version
 * @param registeredAfter  registered at or after (inclusive)
 * @param registeredBefore registered before (exclusive)
 * @param verdict          pass, fail or none (no evaluation report)
 */
public record VersionQuery(String model, String status, List<String> labels, String codeCommit,
                           String featureGraphHash, String lineageHash, String registeredBy, Instant registeredAfter,
                           Instant registeredBefore, String verdict) {
    public VersionQuery {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** Every version. */
    public static VersionQuery all() {
        return new VersionQuery(null, null, List.of(), null, null, null, null, null, null, null);
    }

    public VersionQuery model(String name) {
        return new VersionQuery(name, status, labels, codeCommit, featureGraphHash, lineageHash, registeredBy,
                registeredAfter, registeredBefore, verdict);
    }

    public VersionQuery status(String state) {
        return new VersionQuery(model, state, labels, codeCommit, featureGraphHash, lineageHash, registeredBy,
                registeredAfter, registeredBefore, verdict);
    }

    /** One more label that must hold: {@code key} (any value) or {@code key:value}. */
    public VersionQuery label(String label) {
        List<String> more = new ArrayList<>(labels);
        more.add(label);
        return new VersionQuery(model, status, more, codeCommit, featureGraphHash, lineageHash, registeredBy,
                registeredAfter, registeredBefore, verdict);
    }

    public VersionQuery codeCommit(String commit) {
        return new VersionQuery(model, status, labels, commit, featureGraphHash, lineageHash, registeredBy,
                registeredAfter, registeredBefore, verdict);
    }

    public VersionQuery featureGraphHash(String hash) {
        return new VersionQuery(model, status, labels, codeCommit, hash, lineageHash, registeredBy, registeredAfter,
                registeredBefore, verdict);
    }

    public VersionQuery lineageHash(String hash) {
        return new VersionQuery(model, status, labels, codeCommit, featureGraphHash, hash, registeredBy,
                registeredAfter, registeredBefore, verdict);
    }

    public VersionQuery registeredBy(String principal) {
        return new VersionQuery(model, status, labels, codeCommit, featureGraphHash, lineageHash, principal,
                registeredAfter, registeredBefore, verdict);
    }

    /** Registered in [{@code after}, {@code before}); either may be null for an open end. */
    public VersionQuery registeredBetween(Instant after, Instant before) {
        return new VersionQuery(model, status, labels, codeCommit, featureGraphHash, lineageHash, registeredBy, after,
                before, verdict);
    }

    public VersionQuery verdict(String conclusion) {
        return new VersionQuery(model, status, labels, codeCommit, featureGraphHash, lineageHash, registeredBy,
                registeredAfter, registeredBefore, conclusion);
    }

    /**
     * The query string's parameters, with the page's cursor and size (either may be null); {@code model} only when
     * {@code withModel} (a model's own version list has it in the path).
     */
    List<Map.Entry<String, String>> parameters(boolean withModel, String after, Integer limit) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(new SimpleEntry<>("model", withModel ? model : null));
        parameters.add(new SimpleEntry<>("status", status));
        labels.forEach(label -> parameters.add(new SimpleEntry<>("label", label)));
        parameters.add(new SimpleEntry<>("code_commit", codeCommit));
        parameters.add(new SimpleEntry<>("feature_graph_hash", featureGraphHash));
        parameters.add(new SimpleEntry<>("lineage_hash", lineageHash));
        parameters.add(new SimpleEntry<>("registered_by", registeredBy));
        parameters.add(new SimpleEntry<>("registered_after", text(registeredAfter)));
        parameters.add(new SimpleEntry<>("registered_before", text(registeredBefore)));
        parameters.add(new SimpleEntry<>("verdict", verdict));
        parameters.add(new SimpleEntry<>("after", after));
        parameters.add(new SimpleEntry<>("limit", limit == null ? null : limit.toString()));
        return parameters;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
