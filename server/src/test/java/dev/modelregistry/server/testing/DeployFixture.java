package dev.modelregistry.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a promotion needs, set up through the HTTP API of a running registry: a team with a registrant, an
 * approver in the ACL, an evaluator with an Ed25519 key; and versions made ready for promotion (registered by the
 * registrant, an artifact uploaded, sealed, a passing signed evaluation report submitted).
 */
public final class DeployFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COMMITS = new AtomicInteger(0x2000000);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI server;
    private final String adminToken;
    private final String prefix;
    public final String team;
    public final String registrant;
    public final String registrantToken;
    public final String approver;
    public final String approverToken;
    public final String evaluator;
    public final KeyPair evaluatorKey;

    public DeployFixture(URI server, String adminToken, String prefix) {
        this.server = server;
        this.adminToken = adminToken;
        this.prefix = prefix;
        this.team = prefix + "-team";
        this.registrant = prefix + "-quant";
        this.approver = prefix + "-approver";
        this.evaluator = prefix + "-bench";
        call("POST", "/teams", adminToken, "{\"name\":\"" + team + "\"}", 201);
        this.registrantToken = principal(registrant);
        call("PUT", "/teams/" + team + "/members/" + registrant, adminToken, null, 204);
        this.approverToken = principal(approver);
        call("PUT", "/acl/approvers/" + approver, adminToken, null, 204);
        call("POST", "/evaluators", adminToken, "{\"name\":\"" + evaluator + "\"}", 201);
        this.evaluatorKey = Ed25519Pem.generate();
        ObjectNode key = JSON.createObjectNode().put("keyid", prefix + "-k1").put("public_key_pem", Ed25519Pem.toPem(evaluatorKey.getPublic()));
        call("POST", "/evaluators/" + evaluator + "/keys", adminToken, key.toString(), 201);
    }

    /** A registered candidate with one artifact, neither sealed nor evaluated. */
    public JsonNode candidate(String model) {
        ObjectNode body = JSON.createObjectNode().put("code_commit", String.format("%07x", COMMITS.incrementAndGet()))
                .put("feature_graph_hash", "8b2e9f01").put("owner", team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        JsonNode version = call("POST", "/models/" + model + "/versions", registrantToken, body.toString(), 201);
        String id = version.get("model_id").asText();
        upload(model, id, "weights.bin", ("weights of " + id).getBytes(StandardCharsets.UTF_8));
        return version;
    }

    /** A candidate that passes every promotion gate. */
    public String ready(String model) {
        JsonNode version = candidate(model);
        String id = version.get("model_id").asText();
        seal(model, id);
        report(id, version.get("lineage_hash").asText(), "pass", "rep-" + id);
        return id;
    }

    public void upload(String model, String modelId, String path, byte[] bytes) {
        send(HttpRequest.newBuilder(server.resolve("/models/" + model + "/versions/" + modelId + "/artifacts/" + path))
                .header("Authorization", "Bearer " + registrantToken)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), 201);
    }

    public void seal(String model, String modelId) {
        call("POST", "/models/" + model + "/versions/" + modelId + ":seal", registrantToken, "{}", 200);
    }

    /** Submits a report signed by the evaluator's key, bound to {@code lineageHash}. */
    public JsonNode report(String modelId, String lineageHash, String verdict, String reportId) {
        return call("POST", "/evaluations", registrantToken, envelope(modelId, lineageHash, verdict, reportId).toString(), 201);
    }

    public ObjectNode envelope(String modelId, String lineageHash, String verdict, String reportId) {
        ObjectNode statement = JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject().put("name", modelId);
        subject.putObject("digest").put("sha256", lineageHash);
        statement.put("predicateType", "urn:model-registry:evaluation-report:v1");
        ObjectNode predicate = statement.putObject("predicate").put("report_id", reportId).put("objective", "rank_ic")
                .put("verdict", verdict).put("evaluator", evaluator).put("created_at", "2026-11-26T12:00:00Z");
        predicate.putObject("metrics").put("rank_ic", 0.07);
        return Dsse.sign("application/vnd.in-toto+json", statement.toString().getBytes(StandardCharsets.UTF_8),
                prefix + "-k1", evaluatorKey.getPrivate()).toJson();
    }

    public HttpResponse<String> promote(URI target, String model, String modelId, int canaryPct) {
        return promoteAs(target, approverToken, model, modelId, promotionBody(approver, canaryPct));
    }

    /** The body of a promotion naming {@code approver}. */
    public ObjectNode promotionBody(String approver, int canaryPct) {
        return JSON.createObjectNode().put("approver", approver).put("canary_pct", canaryPct);
    }

    /** What every name this fixture made starts with. */
    public String prefix() {
        return prefix;
    }

    /** A promotion sent with any token and body, for the refusals: who asks and whom the body names may differ. */
    public HttpResponse<String> promoteAs(URI target, String token, String model, String modelId, ObjectNode body) {
        return raw(HttpRequest.newBuilder(target.resolve("/models/" + model + "/versions/" + modelId + ":promote"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    public JsonNode promote(String model, String modelId, int canaryPct) {
        HttpResponse<String> response = promote(server, model, modelId, canaryPct);
        return parse(expect(response, 200));
    }

    /** A new user principal in no team and not in the ACL; returns its token. */
    public String principal(String name) {
        call("POST", "/principals", adminToken, "{\"name\":\"" + name + "\",\"kind\":\"user\"}", 201);
        return call("POST", "/principals/" + name + "/tokens", adminToken, "{}", 201).get("token").asText();
    }

    public JsonNode call(String method, String path, String token, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return parse(expect(raw(request.build()), expected));
    }

    private void send(HttpRequest request, int expected) {
        expect(raw(request), expected);
    }

    public HttpResponse<String> raw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new AssertionError("expected HTTP " + expected + " from " + response.request().method() + " "
                    + response.uri().getPath() + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
