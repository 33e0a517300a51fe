package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.audit.AuditLeaf;
import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.audit.Checkpoint;
import dev.modelregistry.core.audit.Merkle;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log's checkpoint, keys, leaves and proofs, checked with the RFC 9162 algorithms an outsider would use. */
abstract class AuditProofApiContractTest extends ApiTestSupport {

    @Test
    void theCheckpointIsASignedNoteByAPublishedLogKey() {
        Checkpoint checkpoint = integratedCheckpoint(user(unique("auditor")));

        List<JsonNode> keys = items(assertStatus(200, get("/audit/keys", user(unique("reader")))));

        assertThat(checkpoint.origin()).isEqualTo("model-registry/audit");
        assertThat(checkpoint.size()).isPositive();
        assertThat(keys).isNotEmpty();
        assertThat(keys).anySatisfy(k -> assertThat(checkpoint.signedBy(AuditSignatures.publicKey(k.get("public_key").asText())))
                .isTrue());
    }

    @Test
    void everyIntegratedEntryIsSignedAndItsInclusionProofVerifies() {
        String team = unique("team");
        register(unique("proven"), teamWithMember(team), registration(team));
        Checkpoint checkpoint = integratedCheckpoint(ADMIN);
        List<JsonNode> leaves = leaves(checkpoint.size());
        JsonNode last = leaves.get(leaves.size() - 1);

        JsonNode proof = assertStatus(200, get("/audit/proofs/inclusion?seq=" + last.get("seq").asLong() + "&size="
                + checkpoint.size(), ADMIN)).body();

        assertThat(leaves).hasSize((int) checkpoint.size());
        assertThat(leaves).allSatisfy(l -> assertThat(l.get("signature").isTextual()).isTrue());
        assertThat(proof.get("leaf_index").asLong()).isEqualTo(checkpoint.size() - 1);
        assertThat(Merkle.verifyInclusion(proof.get("leaf_index").asLong(), checkpoint.size(), leaf(last).leafHash(),
                hashes(proof.get("proof")), checkpoint.root())).isTrue();
    }

    @Test
    void theConsistencyProofLinksAnOlderCheckpointToTheCurrentOne() {
        Checkpoint older = integratedCheckpoint(ADMIN);
        registry.team(unique("later-team"));
        Checkpoint newer = integratedCheckpoint(ADMIN);

        JsonNode proof = assertStatus(200, get("/audit/proofs/consistency?from=" + older.size() + "&to=" + newer.size(),
                ADMIN)).body();

        assertThat(newer.size()).isGreaterThan(older.size());
        assertThat(Merkle.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(),
                hashes(proof.get("proof")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"consistency?from=0&to=1", "consistency?from=2&to=1", "consistency?from=1&to=999999999",
            "consistency?from=x&to=1", "consistency?from=1", "inclusion?seq=1&size=0", "inclusion?seq=1&size=999999999",
            "inclusion?seq=999999999&size=1", "inclusion?seq=-1&size=1", "inclusion?size=1"})
    void proofsOutsideThePublishedTreeAreRefused(String query) {
        integratedCheckpoint(ADMIN);
        Response refused = get("/audit/proofs/" + query, ADMIN);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo(PROBLEM_PREFIX + "validation-failed");
    }

    private Checkpoint integratedCheckpoint(String token) {
        registry.server().auditIntegrator().integrateOnce();
        Response response = assertStatus(200, get("/audit/checkpoint", token));
        assertThat(response.contentType()).startsWith("text/plain");
        return Checkpoint.parse(response.text()).orElseThrow();
    }

    private static List<JsonNode> leaves(long size) {
        List<JsonNode> all = new ArrayList<>();
        while (all.size() < size) {
            List<JsonNode> page = items(assertStatus(200, get("/audit/leaves?limit=7&from=" + all.size(), ADMIN)));
            assertThat(page).isNotEmpty();
            all.addAll(page);
        }
        return all;
    }

    private static AuditLeaf leaf(JsonNode item) {
        return new AuditLeaf(item.get("seq").asLong(), item.get("chain").asText(), item.get("chain_seq").asLong(),
                item.get("occurred_at").asText(), item.get("actor").asText(), item.get("action").asText(),
                item.get("subject").asText(), item.get("detail_text").asText(),
                item.get("request_id").isNull() ? null : item.get("request_id").asText(), item.get("prev_hash").asText(),
                item.get("entry_hash").asText(), item.get("key_id").asText(), item.get("signature").asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }
}
