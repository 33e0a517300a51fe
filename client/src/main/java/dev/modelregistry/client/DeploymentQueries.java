package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The questions about deployments other than "what runs now": whether a version is ready for promotion, and what
 * was deployed at a past moment, for one model or every model at once. Reached through
 * {@link RegistryClient#deployments()}. Answers about the past carry the manifest's entries but are never signed: a
 * deploy guard cannot load them, and should not.
 */
public final class DeploymentQueries {
    private final Transport transport;

    DeploymentQueries(Transport transport) {
        this.transport = transport;
    }

    /**
     * Every promotion gate for the version (a model_id or alias) with {@code approver} (null: the caller) as the
     * approver: {@code {model_id, approver, ready, checks: [{rule, met, problem_type, detail}]}}. Changes nothing.
     */
    public JsonNode readiness(String model, String modelId, String approver) {
        return transport.get("/models/" + UriPaths.segment(model) + "/versions/" + UriPaths.segment(modelId)
                + "/promotion-readiness", UriPaths.params("approver", approver)).requiredBody();
    }

    /**
     * The split of {@code model} in force at {@code at}: {@code {model, revision, production, canary, at, changed_at,
     * entries}}, revision 0 before its first deployment. A moment after the registry's clock is refused (400).
     */
    public JsonNode at(String model, Instant at) {
        return transport.get("/models/" + UriPaths.segment(model) + "/deployment", Map.of("at", at.toString()))
                .requiredBody();
    }

    /**
     * One page of every model deployed by {@code at} (null: the registry's now), by name after {@code after}, each
     * as {@link #at} answers it. Ask the later pages about the same moment ({@link #allAt} does).
     */
    public Page everyModelAt(Instant at, String after, Integer limit) {
        return Pages.of(transport.get("/deployments", UriPaths.params("at", at, "after", after, "limit", limit))
                .requiredBody());
    }

    /** Every model deployed by {@code at} (null: now, fixed by the first page for all the others), lazily. */
    public Stream<JsonNode> allAt(Instant at) {
        Instant[] moment = {at};
        return Pages.all(after -> {
            JsonNode body = transport.get("/deployments", UriPaths.params("at", moment[0], "after", after))
                    .requiredBody();
            moment[0] = Instant.parse(body.path("at").asText());
            return Pages.of(body);
        });
    }
}
