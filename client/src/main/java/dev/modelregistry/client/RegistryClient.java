package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Typed Java client of the registry HTTP API, one method per route of {@code docs/api-notes.md}.
 *
 * <p>Non-2xx answers are thrown as {@link ProblemException} (a {@code RegistryException} carrying the
 * {@code ErrorCode} of the problem type); no answer at all is a {@link RegistryUnreachableException}.
 * Every POST has an overload taking an {@code Idempotency-Key}, so a retry after a lost response replays the
 * first answer instead of acting twice. Thread-safe; close it to release the HTTP client's threads.
 */
public final class RegistryClient implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_DEPLOYMENT_WAIT = Duration.ofSeconds(60);
    private static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper();
    private final Transport transport;

    /** A client for the registry at {@code baseUri}; {@code token} may be null for the public routes. */
    public RegistryClient(URI baseUri, String token) {
        this(baseUri, token, DEFAULT_TIMEOUT);
    }

    public RegistryClient(URI baseUri, String token, Duration requestTimeout) {
        this.transport = new Transport(json, baseUri, token, requestTimeout);
    }

    public URI baseUri() {
        return URI.create(transport.base());
    }

    // ---- operations --------------------------------------------------------------------------------------

    public JsonNode health() {
        return transport.get("/healthz", Map.of()).body();
    }

    /** {@code {"status":"ready"}}; a registry that is not ready answers 503, thrown as UNAVAILABLE. */
    public JsonNode ready() {
        return transport.get("/readyz", Map.of()).body();
    }

    public JsonNode openApi() {
        return transport.get("/openapi.json", Map.of()).body();
    }

    /** The Prometheus text exposition. */
    public String metrics() {
        return transport.getText("/metrics");
    }

    // ---- principals and tokens ---------------------------------------------------------------------------

    public JsonNode createPrincipal(String name, String kind, boolean admin) {
        return createPrincipal(name, kind, admin, null);
    }

    public JsonNode createPrincipal(String name, String kind, boolean admin, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("name", name).put("kind", kind).put("admin", admin);
        return requireBody(transport.post("/principals", body, idempotencyKey));
    }

    public Page principals(String after, Integer limit) {
        return page("/principals", after, limit);
    }

    public Stream<JsonNode> allPrincipals() {
        return allPages(after -> principals(after, null));
    }

    public JsonNode principal(String name) {
        return transport.get("/principals/" + seg(name), Map.of()).body();
    }

    /** Issues a token: {@code {id, token, principal, created_at}}. The token is in this answer only. */
    public JsonNode createToken(String principal) {
        return createToken(principal, null);
    }

    public JsonNode createToken(String principal, String idempotencyKey) {
        return requireBody(transport.post("/principals/" + seg(principal) + "/tokens", json.createObjectNode(),
                idempotencyKey));
    }

    public Page tokens(String principal, String after, Integer limit) {
        return page("/principals/" + seg(principal) + "/tokens", after, limit);
    }

    public Stream<JsonNode> allTokens(String principal) {
        return allPages(after -> tokens(principal, after, null));
    }

    public void revokeToken(String tokenId) {
        transport.delete("/tokens/" + seg(tokenId));
    }

    // ---- teams and the approver ACL ----------------------------------------------------------------------

    public JsonNode createTeam(String name) {
        return createTeam(name, null);
    }

    public JsonNode createTeam(String name, String idempotencyKey) {
        return requireBody(transport.post("/teams", json.createObjectNode().put("name", name), idempotencyKey));
    }

    public Page teams(String after, Integer limit) {
        return page("/teams", after, limit);
    }

    public Stream<JsonNode> allTeams() {
        return allPages(after -> teams(after, null));
    }

    public JsonNode team(String name) {
        return transport.get("/teams/" + seg(name), Map.of()).body();
    }

    public void addTeamMember(String team, String principal) {
        transport.put("/teams/" + seg(team) + "/members/" + seg(principal));
    }

    public void removeTeamMember(String team, String principal) {
        transport.delete("/teams/" + seg(team) + "/members/" + seg(principal));
    }

    public Page approvers(String after, Integer limit) {
        return page("/acl/approvers", after, limit);
    }

    public Stream<JsonNode> allApprovers() {
        return allPages(after -> approvers(after, null));
    }

    public void addApprover(String principal) {
        transport.put("/acl/approvers/" + seg(principal));
    }

    public void removeApprover(String principal) {
        transport.delete("/acl/approvers/" + seg(principal));
    }

    // ---- evaluators and their keys -----------------------------------------------------------------------

    public JsonNode createEvaluator(String name) {
        return createEvaluator(name, null);
    }

    public JsonNode createEvaluator(String name, String idempotencyKey) {
        return requireBody(transport.post("/evaluators", json.createObjectNode().put("name", name), idempotencyKey));
    }

    public Page evaluators(String after, Integer limit) {
        return page("/evaluators", after, limit);
    }

    public Stream<JsonNode> allEvaluators() {
        return allPages(after -> evaluators(after, null));
    }

    /** The evaluator with all its keys, revoked ones included (with {@code revoked_at}). */
    public JsonNode evaluator(String name) {
        return transport.get("/evaluators/" + seg(name), Map.of()).body();
    }

    public JsonNode addEvaluatorKey(String evaluator, String keyid, String publicKeyPem) {
        return addEvaluatorKey(evaluator, keyid, publicKeyPem, null);
    }

    public JsonNode addEvaluatorKey(String evaluator, String keyid, String publicKeyPem, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("keyid", keyid).put("public_key_pem", publicKeyPem);
        return requireBody(transport.post("/evaluators/" + seg(evaluator) + "/keys", body, idempotencyKey));
    }

    public void revokeEvaluatorKey(String evaluator, String keyid) {
        transport.delete("/evaluators/" + seg(evaluator) + "/keys/" + seg(keyid));
    }

    // ---- evaluation reports ------------------------------------------------------------------------------

    /**
     * Submits a signed evaluation report (a DSSE envelope, e.g. from {@code EvaluationStatements.sign}) and answers
     * the stored report. Submitting the identical envelope again answers the same report; a refused report (bad
     * signature, unknown or revoked key, wrong subject, ...) is a {@link ProblemException} with its own type.
     */
    public JsonNode submitEvaluation(JsonNode envelope) {
        return submitEvaluation(envelope, null);
    }

    public JsonNode submitEvaluation(JsonNode envelope, String idempotencyKey) {
        return requireBody(transport.post("/evaluations", envelope, idempotencyKey));
    }

    /** The evaluation reports bound to a version, in the order they were received (all on one page). */
    public Page evaluations(String model, String modelId) {
        return toPage(transport.get(versionPath(model, modelId) + "/evaluations", Map.of()).body());
    }

    // ---- models and versions -----------------------------------------------------------------------------

    /** Creates a model owned by {@code owner}; {@code description} may be null. */
    public JsonNode createModel(String name, String owner, String description) {
        return createModel(name, owner, description, null);
    }

    public JsonNode createModel(String name, String owner, String description, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("name", name).put("owner", owner);
        if (description != null) {
            body.put("description", description);
        }
        return requireBody(transport.post("/models", body, idempotencyKey));
    }

    public Page models(String after, Integer limit) {
        return page("/models", after, limit);
    }

    public Stream<JsonNode> allModels() {
        return allPages(after -> models(after, null));
    }

    public JsonNode model(String name) {
        return transport.get("/models/" + seg(name), Map.of()).body();
    }

    /** Models in one health state (ok, warning, expired, orphan), each with its {@code health}. */
    public Page models(String health, String after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("health", health);
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        return toPage(transport.get("/models", query).body());
    }

    public Stream<JsonNode> allModels(String health) {
        return allPages(after -> models(health, after, null));
    }

    /** Models without an accountable owner: {@code {model, owner, since, reason}}. */
    public Page orphans(String after, Integer limit) {
        return page("/orphans", after, limit);
    }

    public Stream<JsonNode> allOrphans() {
        return allPages(after -> orphans(after, null));
    }

    /** Admin: gives a model to another team; answers the model with its health. */
    public JsonNode reassign(String model, String owner) {
        return requireBody(transport.post("/models/" + seg(model) + ":reassign",
                json.createObjectNode().put("owner", owner), null));
    }

    /** Admin: sets the model's own deprecation policy ({@code warn_after}, {@code expire_after}, {@code orphan_after}). */
    public JsonNode setDeprecationPolicy(String model, ObjectNode policy) {
        ObjectNode body = json.createObjectNode();
        body.set("deprecation_policy", policy);
        return requireBody(transport.patch("/models/" + seg(model), body));
    }

    /**
     * Registers a version from a registration body ({@code code_commit}, {@code feature_graph_hash},
     * {@code data_window}, ...). Registering a lineage the model already has is not an error: it answers the
     * existing version with {@code created() == false}.
     */
    public Registration registerVersion(String model, ObjectNode body) {
        return registerVersion(model, body, null);
    }

    public Registration registerVersion(String model, ObjectNode body, String idempotencyKey) {
        Transport.Answer answer = transport.post("/models/" + seg(model) + "/versions", body, idempotencyKey);
        return new Registration(answer.status() == 201, requireBody(answer));
    }

    /** Versions in registration order. */
    public Page versions(String model, String after, Integer limit) {
        return page("/models/" + seg(model) + "/versions", after, limit);
    }

    public Stream<JsonNode> allVersions(String model) {
        return allPages(after -> versions(model, after, null));
    }

    public JsonNode version(String model, String modelId) {
        return transport.get("/models/" + seg(model) + "/versions/" + seg(modelId), Map.of()).body();
    }

    // ---- artifacts ----------------------------------------------------------------------------------------

    /**
     * Uploads a file as the artifact at {@code artifactPath} (segments joined by {@code /}) of a version. The bytes
     * are streamed from disk with {@code Content-Digest: sha-256=:…:} so the registry refuses them (400
     * digest-mismatch, nothing stored) unless they hash to {@code sha256Hex} — compute it with
     * {@link Sha256#ofFile}. {@code mediaType} null sends {@code application/octet-stream}.
     */
    public UploadedArtifact uploadArtifact(String model, String modelId, String artifactPath, Path file,
                                           String sha256Hex, String mediaType, ProgressListener progress) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Digest", Sha256.digestField(sha256Hex));
        headers.put("Content-Type", mediaType == null ? "application/octet-stream" : mediaType);
        String path = versionPath(model, modelId) + "/artifacts/" + UriPaths.segments(artifactPath);
        Transport.Answer answer = transport.putFile(path, headers, new FileBody(file, progress));
        return new UploadedArtifact(answer.status() == 201, requireBody(answer));
    }

    /** A version's artifacts, sorted by path (the registry answers them all on one page). */
    public Page artifacts(String model, String modelId) {
        return toPage(transport.get(versionPath(model, modelId) + "/artifacts", Map.of()).body());
    }

    /**
     * Downloads an artifact to {@code target}, verifying it end to end: the length against Content-Length, the
     * SHA-256 against the {@code Repr-Digest} header and against {@code expectedSha256} (from the listing; may be
     * null when the header is trusted alone). The bytes go to a temporary file beside the target, moved into
     * place only when everything matches; on a mismatch an {@link ArtifactIntegrityException} is thrown and the
     * target is untouched. Missing parent directories are created.
     */
    public DownloadedArtifact downloadArtifact(String model, String modelId, String artifactPath, Path target,
                                               String expectedSha256, ProgressListener progress) {
        ArtifactDownload download = new ArtifactDownload(artifactPath, target, expectedSha256, progress);
        HttpResponse<InputStream> response = transport.getStream(
                versionPath(model, modelId) + "/artifacts/" + UriPaths.segments(artifactPath));
        return download.save(response);
    }

    /** Seals a version (sets {@code ready_at}; its artifacts can no longer change) and answers the version. */
    public JsonNode seal(String model, String modelId) {
        return seal(model, modelId, null);
    }

    public JsonNode seal(String model, String modelId, String idempotencyKey) {
        return requireBody(transport.post(versionPath(model, modelId) + ":seal", json.createObjectNode(),
                idempotencyKey));
    }

    /**
     * Opens an artifact's bytes as a stream, unverified: for callers that check them against a digest and size of
     * their own (the deploy guard checks them against the signed manifest). Close the stream when done.
     */
    public InputStream openArtifact(String model, String modelId, String artifactPath) {
        return transport.getStream(versionPath(model, modelId) + "/artifacts/" + UriPaths.segments(artifactPath))
                .body();
    }

    // ---- deployment and the registry's keys --------------------------------------------------------------

    /** {@code {model, revision, production, canary, manifest}}: the split, with a freshly signed manifest. */
    public JsonNode deployment(String model) {
        return requireBody(transport.get(deploymentPath(model), Map.of()));
    }

    /**
     * Long-polls the deployment: answers as soon as its revision is above {@code afterRevision}, else at the first
     * change or when {@code wait} is over (the registry caps it at 60 s) with the same revision and a fresh manifest.
     */
    public JsonNode awaitDeployment(String model, long afterRevision, Duration wait) {
        long millis = Math.max(1, Math.min(wait.toMillis(), MAX_DEPLOYMENT_WAIT.toMillis()));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("wait", millis + "ms");
        query.put("after_revision", Long.toString(afterRevision));
        // The request must outlive the wait, or every quiet poll would end as a timeout.
        Duration timeout = Duration.ofMillis(millis).plus(LONG_POLL_MARGIN);
        return requireBody(transport.get(deploymentPath(model), query, timeout));
    }

    /** Promotes a version: {@code canaryPct} 1–99 makes it the canary, 100 production. Answers the Deployment. */
    public JsonNode promote(String model, String modelId, String approver, int canaryPct) {
        return promote(model, modelId, approver, canaryPct, null);
    }

    public JsonNode promote(String model, String modelId, String approver, int canaryPct, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("approver", approver).put("canary_pct", canaryPct);
        return requireBody(transport.post(versionPath(model, modelId) + ":promote", body, idempotencyKey));
    }

    /** Rolls back the running canary, else the production (the previous production returns). */
    public JsonNode rollback(String model, String reason) {
        return rollback(model, reason, null);
    }

    public JsonNode rollback(String model, String reason, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("reason", reason);
        return requireBody(transport.post(deploymentPath(model) + ":rollback", body, idempotencyKey));
    }

    /** Deployment changes in revision order; {@code after} is a revision. */
    public Page deploymentHistory(String model, String after, Integer limit) {
        return page(deploymentPath(model) + "/history", after, limit);
    }

    public Stream<JsonNode> allDeploymentHistory(String model) {
        return allPages(after -> deploymentHistory(model, after, null));
    }

    /** {@code {"keys": [{keyid, algorithm, public_key_pem, status, created_at, retired_at}]}}; public. */
    public JsonNode keys() {
        return requireBody(transport.get("/keys", Map.of()));
    }

    /** A new active signing key; the previous one is retired but stays listed (admin). */
    public JsonNode rotateKeys() {
        return requireBody(transport.post("/keys:rotate", json.createObjectNode(), null));
    }

    // ---- lineage ---------------------------------------------------------------------------------------------

    /**
     * Which model produced this trade: {@code {fill, signal, version, evaluation, training_distribution, children,
     * deployment_at_emission}}. Before the fill's signal has arrived, everything but {@code fill} is null (or empty).
     */
    public JsonNode fillLineage(String fillId) {
        return requireBody(transport.get("/lineage/fills/" + seg(fillId), Map.of()));
    }

    /** The signal's lineage, as {@link #fillLineage} without {@code fill}, with its first fills under {@code fills}. */
    public JsonNode signalLineage(String signalId) {
        return requireBody(transport.get("/lineage/signals/" + seg(signalId), Map.of()));
    }

    /**
     * The ensemble DAG around a version: {@code direction} "up" (what it consumes, recursively; null means up) or
     * "down" (the ensembles that consume it), {@code depth} 1–32 edges (null: 32). Answers {@code {root, direction,
     * nodes: [{model_id, lineage_hash, status, depth}], edges: [{from, to}]}}, each edge from a consumer to what it
     * consumes.
     */
    public JsonNode graph(String model, String modelId, String direction, Integer depth) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("direction", direction);
        query.put("depth", depth == null ? null : depth.toString());
        return requireBody(transport.get(versionPath(model, modelId) + "/graph", query));
    }

    /**
     * Ingests an NDJSON file of {@code kind} "signals" or "fills", streamed from disk (never held in memory) in runs
     * of whole lines, each answered line by line as it arrives: {@code perResult} gets every line's result
     * {@code {line, id, status, error}} in file order, {@code line} numbered within the file; {@code progress} gets
     * the bytes sent of the file's size. Re-sending a file is safe: lines already stored come back as duplicates.
     */
    public IngestSummary ingest(String kind, Path ndjsonFile, ProgressListener progress, Consumer<JsonNode> perResult) {
        return new LineageIngest(transport, json).run(kind, ndjsonFile, progress, perResult);
    }

    // ---- audit -------------------------------------------------------------------------------------------

    /** Audit entries in sequence order; {@code subject} (e.g. {@code model:xsmom}) may be null for all. */
    public Page audit(String subject, String after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("subject", subject);
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        return toPage(transport.get("/audit", query).body());
    }

    public Stream<JsonNode> allAudit(String subject) {
        return allPages(after -> audit(subject, after, null));
    }

    /** {@code {"ok", "entries", "chains", "problems": [{chain, chain_seq, seq, reason}]}}. */
    public JsonNode verifyAudit() {
        return transport.get("/audit/verify", Map.of()).body();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        // Never the token: this ends up in logs.
        return "RegistryClient[" + transport.base() + (transport.hasToken() ? ", with token]" : ", anonymous]");
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private static String seg(String value) {
        return UriPaths.segment(value);
    }

    private static String deploymentPath(String model) {
        return "/models/" + seg(model) + "/deployment";
    }

    private static String versionPath(String model, String modelId) {
        return "/models/" + seg(model) + "/versions/" + seg(modelId);
    }

    private static JsonNode requireBody(Transport.Answer answer) {
        if (answer.body() == null) {
            throw new ProblemException(ErrorCode.INTERNAL, answer.status(), null, "Unreadable response",
                    "the registry answered HTTP " + answer.status() + " without the expected JSON body",
                    List.of(), null);
        }
        return answer.body();
    }

    private Page page(String path, String after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        return toPage(transport.get(path, query).body());
    }

    private static Page toPage(JsonNode body) {
        if (body == null || !body.path("items").isArray()) {
            throw new ProblemException(ErrorCode.INTERNAL, 200, null, "Unreadable response",
                    "a list answer without an items array", List.of(), null);
        }
        List<JsonNode> items = new ArrayList<>(body.get("items").size());
        body.get("items").forEach(items::add);
        JsonNode next = body.path("next");
        // Cursors are opaque; the audit cursor is a sequence number and may come as a JSON number.
        return new Page(items, next.isNull() || next.isMissingNode() ? null : next.asText());
    }

    /** Lazily walks every page; the next page is fetched only when the stream reaches it. */
    private static Stream<JsonNode> allPages(Function<String, Page> fetchAfter) {
        Iterator<Page> pages = new Iterator<>() {
            private Page last;

            @Override
            public boolean hasNext() {
                return last == null || last.hasNext();
            }

            @Override
            public Page next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String after = last == null ? null : last.next();
                Page page = fetchAfter.apply(after);
                if (after != null && after.equals(page.next())) {
                    // A server bug would otherwise make this loop forever.
                    throw new ProblemException(ErrorCode.INTERNAL, 200, null, "Pagination loop",
                            "the registry answered the cursor " + after + " with the same cursor", List.of(), null);
                }
                last = page;
                return page;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .flatMap(page -> page.items().stream());
    }
}
