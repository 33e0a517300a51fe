package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.AuditCheck;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.audit.AuditLeaf;
import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.audit.Checkpoint;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestRegistry;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six tampers that someone with write access to the database can do, each done after an auditor saved a
 * checkpoint, and each caught by {@code verify --since} (through the real client) and by the admin's full verify;
 * and a seventh, a log key of the forger's own added to the key table, which only the auditor's pinned keys catch.
 * Every test starts its own registry, so that one test's tampering never leaks into another's.
 */
abstract class AuditTamperContractTest {
    private TestRegistry registry;
    private RegistryClient client;
    private String saved;

    abstract Backend backend();

    /** Runs SQL on the audit tables behind the server's back, with whatever the database needs switched off first. */
    abstract void tamper(Handle handle, String sql);

    @BeforeEach
    void logWithASavedCheckpoint() {
        registry = backend().start(TestRegistry.config());
        client = new RegistryClient(registry.baseUri(), TestRegistry.ADMIN_TOKEN);
        String member = "quant-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        String token = registry.principalWithToken(member, false);
        registry.team("desk", member);
        register("alpha", token, 3);
        register("beta", token, 2);
        integrate();
        saved = client.auditCheckpoint();
    }

    @AfterEach
    void stopRegistry() {
        client.close();
        registry.close();
    }

    @Test
    void anUntouchedLogThatGrewVerifiesAgainstTheSavedCheckpoint() {
        long savedSize = Checkpoint.parse(saved).orElseThrow().size();
        registry.team("later");

        AuditCheck check = checkAfterMoreEntries();

        assertThat(check.problems()).isEmpty();
        assertThat(check.ok()).isTrue();
        assertThat(check.fromSize()).isEqualTo(savedSize);
        assertThat(check.entriesChecked()).isEqualTo(check.toSize() - savedSize).isGreaterThanOrEqualTo(2);
        assertThat(client.access().verifyAudit().path("ok").asBoolean()).isTrue();
    }

    @Test
    void cuttingTheEndOfAChainAndMovingItsHeadBackIsDetected() {
        AuditEntry third = entry("model:alpha", 3);
        tamper("DELETE FROM audit_log WHERE chain = 'model:alpha' AND chain_seq = 4",
                "UPDATE audit_chain_heads SET entries = 3, head_hash = '" + third.entryHash() + "' WHERE chain = 'model:alpha'");

        assertDetected("no longer hash", "consistency proof");
    }

    @Test
    void deletingAWholeChainAndItsHeadIsDetected() {
        tamper("DELETE FROM audit_log WHERE chain = 'model:beta'",
                "DELETE FROM audit_chain_heads WHERE chain = 'model:beta'");

        assertDetected("no longer hash", "consistency proof");
    }

    @Test
    void swappingSeqWithinAChainIsDetected() {
        swapSeq(entry("model:alpha", 2).seq(), entry("model:alpha", 3).seq());

        assertDetected("no longer hash", "consistency proof");
    }

    @Test
    void swappingSeqAcrossChainsIsDetected() {
        swapSeq(entry("model:alpha", 2).seq(), entry("model:beta", 2).seq());

        assertDetected("no longer hash", "consistency proof");
    }

    @Test
    void rewritingAnEntryWithRecomputedHashesIsDetected() {
        String prev = entry("model:alpha", 1).entryHash();
        for (long chainSeq = 2; chainSeq <= 4; chainSeq++) {
            AuditLeaf leaf = entry("model:alpha", chainSeq).leaf();
            String actor = chainSeq == 2 ? "mallory" : leaf.actor();
            String hash = AuditLeaf.entryHash(leaf.chain(), leaf.chainSeq(), leaf.occurredAt(), actor, leaf.action(),
                    leaf.subject(), leaf.detail(), leaf.requestId(), prev);
            tamper("UPDATE audit_log SET actor = '" + actor + "', prev_hash = '" + prev + "', entry_hash = '" + hash
                    + "' WHERE seq = " + leaf.seq());
            prev = hash;
        }
        tamper("UPDATE audit_chain_heads SET head_hash = '" + prev + "' WHERE chain = 'model:alpha'");

        assertDetected("signature does not verify", "consistency proof");
    }

    @Test
    void appendingAFabricatedEntryWithRecomputedHashesIsDetected() throws NoSuchAlgorithmException {
        AuditLeaf last = entry("model:alpha", 4).leaf();
        String detail = "{\"before\":null,\"after\":{\"note\":\"approved by nobody\"}}";
        String hash = AuditLeaf.entryHash("model:alpha", 5, last.occurredAt(), "mallory", "version.registered",
                "model:alpha", detail, null, last.entryHash());
        // Signed, with the server's key id, by a key the forger made: the closest a forger gets without the log key.
        String signature = AuditSignatures.signEntry(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), hash);
        tamper("INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail, request_id,"
                        + " prev_hash, entry_hash, key_id, signature) SELECT chain, 5, occurred_at, 'mallory',"
                        + " 'version.registered', 'model:alpha', '" + detail + "', NULL, entry_hash, '" + hash + "', key_id, '"
                        + signature + "' FROM audit_log WHERE seq = " + last.seq(),
                "UPDATE audit_chain_heads SET entries = 5, head_hash = '" + hash + "' WHERE chain = 'model:alpha'");

        assertDetected("signature does not verify", "does not verify");
    }

    @Test
    void appendingAnEntrySignedByAKeyRowTheForgerInsertedIsDetectedByTheIncrementalCheck()
            throws NoSuchAlgorithmException {
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forgerId = Ed25519Pem.keyId(forger.getPublic());
        AuditLeaf last = entry("model:alpha", 4).leaf();
        String detail = "{\"before\":null,\"after\":{\"note\":\"approved by nobody\"}}";
        String hash = AuditLeaf.entryHash("model:alpha", 5, last.occurredAt(), "mallory", "version.registered",
                "model:alpha", detail, null, last.entryHash());
        String signature = AuditSignatures.signEntry(forger.getPrivate(), hash);
        tamper("INSERT INTO audit_log_keys (key_id, public_key, added_at) SELECT '" + forgerId + "', '"
                        + Base64.getEncoder().encodeToString(AuditSignatures.raw(forger.getPublic()))
                        + "', added_at FROM audit_log_keys",
                "INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail, request_id,"
                        + " prev_hash, entry_hash, key_id, signature) SELECT chain, 5, occurred_at, 'mallory',"
                        + " 'version.registered', 'model:alpha', '" + detail + "', NULL, entry_hash, '" + hash + "', '"
                        + forgerId + "', '" + signature + "' FROM audit_log WHERE seq = " + last.seq(),
                "UPDATE audit_chain_heads SET entries = 5, head_hash = '" + hash + "' WHERE chain = 'model:alpha'");

        AuditCheck check = checkAfterMoreEntries();

        assertThat(check.ok()).as("verify --since").isFalse();
        assertThat(String.join("\n", check.problems())).contains("signed by log key " + forgerId)
                .contains("neither the saved checkpoint nor a pinned key vouches for");
        assertThat(client.verifyAuditSince(saved, List.of(forger.getPublic())).ok())
                .as("an auditor who pins the key trusts it: pinning is the auditor's decision").isTrue();
    }

    // ---- helpers ----

    private void register(String model, String token, int versions) {
        for (int i = 0; i < versions; i++) {
            String body = "{\"code_commit\":\"" + hex(40) + "\",\"feature_graph_hash\":\"" + hex(64)
                    + "\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}";
            TestRegistry.expect(201, registry.post("/models/" + model + "/versions", token, body));
        }
    }

    private static String hex(int length) {
        byte[] bytes = new byte[length / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void integrate() {
        registry.server().auditIntegrator().integrateOnce();
    }

    private AuditEntry entry(String chain, long chainSeq) {
        List<AuditEntry> entries = registry.server().context().services().audit().page(Optional.of(chain), 0, 100);
        return entries.stream().filter(e -> e.chain().equals(chain) && e.chainSeq() == chainSeq).findFirst().orElseThrow();
    }

    private void tamper(String... statements) {
        registry.server().database().inTransaction(h -> {
            for (String sql : statements) {
                tamper(h, sql);
            }
            return null;
        });
    }

    private void swapSeq(long a, long b) {
        tamper("UPDATE audit_log SET seq = -1 WHERE seq = " + a, "UPDATE audit_log SET seq = " + a + " WHERE seq = " + b,
                "UPDATE audit_log SET seq = " + b + " WHERE seq = -1");
    }

    /** The log grows after the tamper (as it would in production), a new checkpoint is published, then verified. */
    private AuditCheck checkAfterMoreEntries() {
        registry.team("after-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        integrate();
        return client.verifyAuditSince(saved, List.of());
    }

    private void assertDetected(String fullVerifyReason, String incrementalReason) {
        AuditCheck check = checkAfterMoreEntries();
        JsonNode full = client.access().verifyAudit();

        assertThat(check.ok()).as("verify --since").isFalse();
        assertThat(String.join("\n", check.problems())).contains(incrementalReason);
        assertThat(full.path("ok").asBoolean()).as("full verify").isFalse();
        assertThat(full.path("problems").toString()).contains(fullVerifyReason);
    }
}
