package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers of stored JSON never fail because of what is stored: rows written before bodies were limited in depth,
 * or written straight into the database, are inserted here directly and must still be listed and read.
 */
abstract class StoredJsonApiContractTest extends ApiTestSupport {
    /** Just within Jackson's default read limit (what registration accepted before bodies were limited), and past it. */
    private static final String DEEP = nested(999);
    private static final String DEEPER = nested(1_500);

    private static String team;
    private static String member;

    @BeforeAll
    static void ownerTeam() {
        team = unique("stored");
        member = teamWithMember(team);
    }

    @Test
    void anAuditPageHoldingADeeplyNestedEntryIsStillListed() {
        String model = unique("deep-audit");
        register(model, member, registration(team));
        copyAuditEntryWithDetail("model:" + model, DEEP);
        copyAuditEntryWithDetail("model:" + model, DEEPER);
        copyAuditEntryWithDetail("model:" + model, "{not json");

        assertStatus(200, get("/audit?limit=500", ADMIN));
        assertThat(allPages("/audit?subject=" + URLEncoder.encode("model:" + model, StandardCharsets.UTF_8), ADMIN, 10)
                .stream().map(e -> e.get("detail")).filter(JsonNode::isTextual).map(JsonNode::asText))
                .containsExactlyInAnyOrder(DEEP, DEEPER, "{not json");
    }

    @Test
    void aVersionWithDeeplyNestedStoredHyperparamsIsStillRead() {
        String model = unique("deep-version");
        JsonNode version = register(model, member, registration(team));
        registry.server().database().withHandle(h -> h.createUpdate(
                        "UPDATE model_versions SET hyperparams = :deep WHERE version_id = :id")
                .bind("deep", DEEP).bind("id", version.get("model_id").asText()).execute());

        Response read = assertStatus(200, get("/models/" + model + "/versions/" + version.get("model_id").asText(), member));
        assertThat(read.body().get("hyperparams").asText()).isEqualTo(DEEP);
        assertStatus(200, get("/models/" + model + "/versions", member));
    }

    private static String nested(int depth) {
        return "{\"x\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A copy of a chain's first entry with another detail, as a database writer could add it. */
    private static void copyAuditEntryWithDetail(String chain, String detail) {
        registry.server().database().withHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail, request_id,
                                               prev_hash, entry_hash)
                        SELECT chain, chain_seq + (SELECT count(*) FROM audit_log), occurred_at, actor, action, subject,
                               :detail, request_id, prev_hash, entry_hash
                        FROM audit_log WHERE chain = :chain AND chain_seq = 1""")
                .bind("detail", detail).bind("chain", chain).execute());
    }
}
