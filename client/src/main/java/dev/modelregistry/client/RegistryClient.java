package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Typed Java client of the registry HTTP API, one method per route of {@code docs/api-notes.md}; who may act
 * (principals, tokens, teams, approvers, evaluators) is on {@link #access()}, promotion readiness and time travel on
 * {@link #deployments()}, the searches on {@link #search()}. A {@code modelId} may be an alias too
 * ({@code xsmom@production}, {@code @canary}, {@code @latest}): answers name the concrete one.
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
    private final AccessClient access;
    private final DeploymentQueries deployments;
    private final SearchClient search;

    /** A client for the registry at {@code baseUri}; {@code token} may be null for the public routes. */
    public RegistryClient(URI baseUri, String token) {
        this(baseUri, token, DEFAULT_TIMEOUT);
    }

    public RegistryClient(URI baseUri, String token, Duration requestTimeout) {
        this.transport = new Transport(json, baseUri, token, requestTimeout);
        this.access = new AccessClient(transport, json);
        this.deployments = new DeploymentQueries(transport);
        this.search = new SearchClient(transport);
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

    /** Principals and tokens, teams, the approver ACL, evaluators and their keys, over this client's connection. */
    public AccessClient access() {
        return access;
    }

    /** Models and versions found by their filters (name, owner, labels, health; status, commit, hashes, ...). */
    public SearchClient search() {
        return search;
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
        return transport.post("/evaluations", envelope, idempotencyKey).requiredBody();
    }

    /** The evaluation reports bound to a version, in the order they were received (all on one page). */
    public Page evaluations(String model, String modelId) {
        return Pages.of(transport.get(versionPath(model, modelId) + "/evaluations", Map.of()).body());
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
        return transport.post("/models", body, idempotencyKey).requiredBody();
    }

    public Page models(String after, Integer limit) {
        return Pages.get(transport, "/models", after, limit);
    }

    public Stream<JsonNode> allModels() {
        return Pages.all(after -> models(after, null));
    }

    public JsonNode model(String name) {
        return transport.get("/models/" + seg(name), Map.of()).body();
    }

    /** Models without an accountable owner: {@code {model, owner, since, reason}}. */
    public Page orphans(String after, Integer limit) {
        return Pages.get(transport, "/orphans", after, limit);
    }

    public Stream<JsonNode> allOrphans() {
        return Pages.all(after -> orphans(after, null));
    }

    /** Admin: gives a model to another team; answers the model with its health. */
    public JsonNode reassign(String model, String owner) {
        return transport.post("/models/" + seg(model) + ":reassign",
                json.createObjectNode().put("owner", owner), null).requiredBody();
    }

    /** Admin: sets the model's own deprecation policy ({@code warn_after}, {@code expire_after}, {@code orphan_after}). */
    public JsonNode setDeprecationPolicy(String model, ObjectNode policy) {
        ObjectNode body = json.createObjectNode();
        body.set("deprecation_policy", policy);
        return transport.patch("/models/" + seg(model), body).requiredBody();
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
        return new Registration(answer.status() == 201, answer.requiredBody());
    }

    /** Versions in registration order. */
    public Page versions(String model, String after, Integer limit) {
        return Pages.get(transport, "/models/" + seg(model) + "/versions", after, limit);
    }

    public Stream<JsonNode> allVersions(String model) {
        return Pages.all(after -> versions(model, after, null));
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
        return new UploadedArtifact(answer.status() == 201, answer.requiredBody());
    }

    /** A version's artifacts, sorted by path (the registry answers them all on one page). */
    public Page artifacts(String model, String modelId) {
        return Pages.of(transport.get(versionPath(model, modelId) + "/artifacts", Map.of()).body());
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
        return transport.post(versionPath(model, modelId) + ":seal", json.createObjectNode(),
                idempotencyKey).requiredBody();
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

    /** Promotion readiness, and what was deployed at a past moment (for one model or all), on this connection. */
    public DeploymentQueries deployments() {
        return deployments;
    }

    /** {@code {model, revision, production, canary, manifest}}: the split, with a freshly signed manifest. */
    public JsonNode deployment(String model) {
        return transport.get(deploymentPath(model), Map.of()).requiredBody();
    }

    /**
     * Long-polls the deployment: answers as soon as its revision is above {@code afterRevision}, else at the first
     * change or when {@code wait} is over (the registry caps it at 60 s) with the same revision and a fresh manifest.
     */
    public JsonNode awaitDeployment(String model, long afterRevision, Duration wait) {
        long millis = Math.max(1, Math.min(wait.toMillis(), MAX_DEPLOYMENT_WAIT.toMillis()));
        // The request must outlive the wait, or every quiet poll would end as a timeout.
        Duration timeout = Duration.ofMillis(millis).plus(LONG_POLL_MARGIN);
        return transport.get(deploymentPath(model), UriPaths.params("wait", millis + "ms", "after_revision",
                afterRevision), timeout).requiredBody();
    }

    /** Promotes a version: {@code canaryPct} 1–99 makes it the canary, 100 production. Answers the Deployment. */
    public JsonNode promote(String model, String modelId, String approver, int canaryPct) {
        return promote(model, modelId, approver, canaryPct, null);
    }

    public JsonNode promote(String model, String modelId, String approver, int canaryPct, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("approver", approver).put("canary_pct", canaryPct);
        return transport.post(versionPath(model, modelId) + ":promote", body, idempotencyKey).requiredBody();
    }

    /** Rolls back the running canary, else the production (the previous production returns). */
    public JsonNode rollback(String model, String reason) {
        return rollback(model, reason, null);
    }

    public JsonNode rollback(String model, String reason, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("reason", reason);
        return transport.post(deploymentPath(model) + ":rollback", body, idempotencyKey).requiredBody();
    }

    /** Deployment changes in revision order; {@code after} is a revision. */
    public Page deploymentHistory(String model, String after, Integer limit) {
        return Pages.get(transport, deploymentPath(model) + "/history", after, limit);
    }

    public Stream<JsonNode> allDeploymentHistory(String model) {
        return Pages.all(after -> deploymentHistory(model, after, null));
    }

    /** {@code {"keys": [{keyid, algorithm, public_key_pem, status, created_at, retired_at}]}}; public. */
    public JsonNode keys() {
        return transport.get("/keys", Map.of()).requiredBody();
    }

    /** A new active signing key; the previous one is retired but stays listed (admin). */
    public JsonNode rotateKeys() {
        return transport.post("/keys:rotate", json.createObjectNode(), null).requiredBody();
    }

    // ---- lineage ---------------------------------------------------------------------------------------------

    /**
     * Which model produced this trade: {@code {fill, signal, version, evaluation, training_distribution, children,
     * deployment_at_emission}}. Before the fill's signal has arrived, everything but {@code fill} is null (or empty).
     */
    public JsonNode fillLineage(String fillId) {
        return transport.get("/lineage/fills/" + seg(fillId), Map.of()).requiredBody();
    }

    /** The signal's lineage, as {@link #fillLineage} without {@code fill}, with its first fills under {@code fills}. */
    public JsonNode signalLineage(String signalId) {
        return transport.get("/lineage/signals/" + seg(signalId), Map.of()).requiredBody();
    }

    /**
     * The ensemble DAG around a version: {@code direction} "up" (what it consumes, recursively; null means up) or
     * "down" (the ensembles that consume it), {@code depth} 1–32 edges (null: 32). Answers {@code {root, direction,
     * nodes: [{model_id, lineage_hash, status, depth}], edges: [{from, to}]}}, each edge from a consumer to what it
     * consumes.
     */
    public JsonNode graph(String model, String modelId, String direction, Integer depth) {
        return transport.get(versionPath(model, modelId) + "/graph", UriPaths.params("direction", direction,
                "depth", depth)).requiredBody();
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
        return Pages.of(transport.get("/audit", UriPaths.params("subject", subject, "after", after, "limit", limit))
                .body());
    }

    public Stream<JsonNode> allAudit(String subject) {
        return Pages.all(after -> audit(subject, after, null));
    }

    /** The latest signed checkpoint (a C2SP signed note): keep it to verify the log against later. */
    public String auditCheckpoint() {
        return transport.getText("/audit/checkpoint");
    }

    /** Proves the log extends {@code savedCheckpoint}; trusts only its signer's and the {@code pinned} log keys. */
    public AuditCheck verifyAuditSince(String savedCheckpoint, Collection<PublicKey> pinned) {
        return new IncrementalAuditVerifier(transport).verify(savedCheckpoint, pinned);
    }

    /** {@code {items: [{key_id, public_key, added_at}]}}: the log keys the registry lists (save it to pin them). */
    public JsonNode auditKeys() {
        return transport.get("/audit/keys", Map.of()).body();
    }

    /** {@code {seq, leaf_index, tree_size, proof}}: the RFC 9162 audit path of entry {@code seq}. */
    public JsonNode auditInclusion(long seq, long treeSize) {
        return transport.get("/audit/proofs/inclusion", Map.of("seq", "" + seq, "size", "" + treeSize)).body();
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
}
