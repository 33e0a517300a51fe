package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.stream.Stream;

/**
 * Who may do what, one method per route: principals, their tokens and roles, teams and their members, the approver ACL,
 * evaluators and their signing keys. Reached through {@link RegistryClient#access()}, whose connection, token and
 * error handling it shares; most of these routes are for admins.
 */
public final class AccessClient {
    private final Transport transport;
    private final ObjectMapper json;

    AccessClient(Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    // ---- principals and tokens ---------------------------------------------------------------------------

    public JsonNode createPrincipal(String name, String kind, boolean admin) {
        return createPrincipal(name, kind, admin, null);
    }

    public JsonNode createPrincipal(String name, String kind, boolean admin, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("name", name).put("kind", kind).put("admin", admin);
        return transport.post("/principals", body, idempotencyKey).requiredBody();
    }

    public Page principals(String after, Integer limit) {
        return Pages.get(transport, "/principals", after, limit);
    }

    public Stream<JsonNode> allPrincipals() {
        return Pages.all(after -> principals(after, null));
    }

    public JsonNode principal(String name) {
        return transport.get("/principals/" + seg(name), Map.of()).body();
    }

    /** Issues a token: {@code {id, token, principal, created_at}}. The token is in this answer only. */
    public JsonNode createToken(String principal) {
        return createToken(principal, null);
    }

    public JsonNode createToken(String principal, String idempotencyKey) {
        return transport.post("/principals/" + seg(principal) + "/tokens", json.createObjectNode(), idempotencyKey)
                .requiredBody();
    }

    public Page tokens(String principal, String after, Integer limit) {
        return Pages.get(transport, "/principals/" + seg(principal) + "/tokens", after, limit);
    }

    public Stream<JsonNode> allTokens(String principal) {
        return Pages.all(after -> tokens(principal, after, null));
    }

    public void revokeToken(String tokenId) {
        transport.delete("/tokens/" + seg(tokenId));
    }

    /** Grants the principal a role (e.g. {@code lineage-writer}); granting a held role changes nothing. */
    public void grantRole(String principal, String role) {
        transport.put("/principals/" + seg(principal) + "/roles/" + seg(role));
    }

    /** Revokes a role from the principal; revoking a role it does not hold changes nothing. */
    public void revokeRole(String principal, String role) {
        transport.delete("/principals/" + seg(principal) + "/roles/" + seg(role));
    }

    // ---- teams and the approver ACL ----------------------------------------------------------------------

    public JsonNode createTeam(String name) {
        return createTeam(name, null);
    }

    public JsonNode createTeam(String name, String idempotencyKey) {
        return transport.post("/teams", json.createObjectNode().put("name", name), idempotencyKey).requiredBody();
    }

    public Page teams(String after, Integer limit) {
        return Pages.get(transport, "/teams", after, limit);
    }

    public Stream<JsonNode> allTeams() {
        return Pages.all(after -> teams(after, null));
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
        return Pages.get(transport, "/acl/approvers", after, limit);
    }

    public Stream<JsonNode> allApprovers() {
        return Pages.all(after -> approvers(after, null));
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
        return transport.post("/evaluators", json.createObjectNode().put("name", name), idempotencyKey)
                .requiredBody();
    }

    public Page evaluators(String after, Integer limit) {
        return Pages.get(transport, "/evaluators", after, limit);
    }

    public Stream<JsonNode> allEvaluators() {
        return Pages.all(after -> evaluators(after, null));
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
        return transport.post("/evaluators/" + seg(evaluator) + "/keys", body, idempotencyKey).requiredBody();
    }

    public void revokeEvaluatorKey(String evaluator, String keyid) {
        transport.delete("/evaluators/" + seg(evaluator) + "/keys/" + seg(keyid));
    }

    private static String seg(String value) {
        return UriPaths.segment(value);
    }

    // ---- audit -------------------------------------------------------------------------------------------

    /** The full re-verification (admin): {@code {"ok", "entries", "chains", "problems": [{chain, chain_seq, seq, reason}]}}. */
    public JsonNode verifyAudit() {
        return transport.get("/audit/verify", Map.of()).body();
    }
}
