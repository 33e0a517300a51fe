package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Evaluators and their Ed25519 public keys. */
abstract class EvaluatorApiContractTest extends ApiTestSupport {

    @Test
    void createdEvaluatorHasNoKeys() {
        String name = unique("alpha-bench");

        Response created = assertStatus(201, post("/evaluators", ADMIN, nameBody(name)));

        assertThat(created.body().get("name").asText()).isEqualTo(name);
        assertThat(created.body().get("keys")).isEmpty();
        assertThat(assertStatus(200, get("/evaluators/" + name, ADMIN)).body()).isEqualTo(created.body());
        assertThat(auditCount("evaluator:" + name, "evaluator.created")).isEqualTo(1);
    }

    @Test
    void duplicateEvaluatorIsAlreadyExists() {
        String name = evaluator();
        assertProblem(post("/evaluators", ADMIN, nameBody(name)), 409, "already-exists");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidEvaluatorNameIsRefusedAndCreatesNothing(JsonNode name) {
        int before = allPages("/evaluators", ADMIN, 500).size();

        assertInvalidFields(post("/evaluators", ADMIN, object().set("name", name)), "name");

        assertThat(allPages("/evaluators", ADMIN, 500)).hasSize(before);
    }

    @Test
    void unknownFieldIsRefused() {
        assertInvalidFields(post("/evaluators", ADMIN, nameBody(unique("e")).put("url", "http://x")), "url");
    }

    @Test
    void unknownEvaluatorIsNotFound() {
        assertProblem(get("/evaluators/no-such-evaluator", ADMIN), 404, "not-found");
        assertProblem(post("/evaluators/no-such-evaluator/keys", ADMIN, keyBody("k1", ed25519Pem())), 404, "not-found");
        assertProblem(delete("/evaluators/no-such-evaluator/keys/k1", ADMIN), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alpha", "%2e%2e", "a%20b"})
    void impossibleEvaluatorNameInPathIsNotFound(String name) {
        assertProblem(get("/evaluators/" + name, ADMIN), 404, "not-found");
        assertProblem(post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())), 404, "not-found");
    }

    @Test
    void listingPagesThroughEveryEvaluatorInNameOrder() {
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            assertStatus(201, post("/evaluators", ADMIN, nameBody(prefix + "-" + i)));
        }

        List<String> names = allPages("/evaluators", ADMIN, 2).stream().map(e -> e.get("name").asText()).toList();

        assertThat(names).doesNotHaveDuplicates().isSorted()
                .contains(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
    }

    @Test
    void ed25519KeyIsAcceptedAndListedWithItsEvaluator() {
        String name = evaluator();
        String pem = ed25519Pem();

        Response added = assertStatus(201, post("/evaluators/" + name + "/keys", ADMIN, keyBody("bench-2026", pem)));

        assertThat(added.body().get("evaluator").asText()).isEqualTo(name);
        assertThat(added.body().get("keyid").asText()).isEqualTo("bench-2026");
        assertThat(added.body().get("public_key_pem").asText()).isEqualTo(pem);
        assertThat(added.body().get("revoked_at").isNull()).isTrue();
        assertThat(keys(name)).containsExactly(added.body());
        assertThat(auditCount("evaluator:" + name, "evaluator.key_added")).isEqualTo(1);
    }

    static Stream<Arguments> keysThatAreNotEd25519() throws GeneralSecurityException {
        return Stream.of(
                Arguments.of(Named.of("an RSA key", pem("PUBLIC KEY", generated("RSA")))),
                Arguments.of(Named.of("an X25519 key", pem("PUBLIC KEY", generated("X25519")))),
                Arguments.of(Named.of("base64 garbage in a PEM block",
                        pem("PUBLIC KEY", "not a key at all".getBytes(StandardCharsets.UTF_8)))),
                Arguments.of(Named.of("a private key block", pem("PRIVATE KEY",
                        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()))),
                Arguments.of(Named.of("no PEM armour", "MCowBQYDK2VwAyEA")),
                Arguments.of(Named.of("an empty string", "")),
                Arguments.of(Named.of("a PEM with control characters",
                        "-----BEGIN PUBLIC KEY-----\u0000\n-----END PUBLIC KEY-----")));
    }

    @ParameterizedTest
    @MethodSource("keysThatAreNotEd25519")
    void keyThatIsNotAnEd25519PublicKeyIsRefused(String pem) {
        String name = evaluator();

        assertInvalidFields(post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", pem)), "public_key_pem");

        assertThat(keys(name)).isEmpty();
    }

    @Test
    void pemThatIsNotAStringIsRefused() {
        String name = evaluator();
        ObjectNode body = object().put("keyid", "k1").put("public_key_pem", 12);
        assertInvalidFields(post("/evaluators/" + name + "/keys", ADMIN, body), "public_key_pem");
    }

    @Test
    void duplicateKeyidIsAlreadyExists() {
        String name = evaluator();
        assertStatus(201, post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())));

        assertProblem(post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())), 409, "already-exists");

        assertThat(keys(name)).hasSize(1);
    }

    @Test
    void keyidOfARevokedKeyCannotBeReused() {
        String name = evaluator();
        assertStatus(201, post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())));
        assertStatus(204, delete("/evaluators/" + name + "/keys/k1", ADMIN));

        assertProblem(post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())), 409, "already-exists");
    }

    static Stream<Arguments> invalidKeyids() {
        return Stream.of(
                Arguments.of(Named.of("with a space", (JsonNode) JSON.valueToTree("key one"))),
                Arguments.of(Named.of("129 characters", (JsonNode) JSON.valueToTree("k".repeat(129)))),
                Arguments.of(Named.of("empty", (JsonNode) JSON.valueToTree(""))),
                Arguments.of(Named.of("a control character", (JsonNode) JSON.valueToTree("k\u0007"))),
                Arguments.of(Named.of("non-ASCII", (JsonNode) JSON.valueToTree("cl\u00e9"))),
                Arguments.of(Named.of("a number", (JsonNode) JSON.valueToTree(1))),
                Arguments.of(Named.of("missing", (JsonNode) MissingNode.getInstance())));
    }

    @ParameterizedTest
    @MethodSource("invalidKeyids")
    void invalidKeyidIsRefused(JsonNode keyid) {
        String name = evaluator();
        ObjectNode body = object().put("public_key_pem", ed25519Pem());
        if (!keyid.isMissingNode()) {
            body.set("keyid", keyid);
        }

        assertInvalidFields(post("/evaluators/" + name + "/keys", ADMIN, body), "keyid");

        assertThat(keys(name)).isEmpty();
    }

    @Test
    void keyidOf128PrintableCharactersIsAccepted() {
        String keyid = "k!~".repeat(43).substring(0, 128);
        assertStatus(201, post("/evaluators/" + evaluator() + "/keys", ADMIN, keyBody(keyid, ed25519Pem())));
    }

    @Test
    void missingPemIsRefused() {
        assertInvalidFields(post("/evaluators/" + evaluator() + "/keys", ADMIN, object().put("keyid", "k1")),
                "public_key_pem");
    }

    @Test
    void unknownKeyFieldIsRefused() {
        ObjectNode body = keyBody("k1", ed25519Pem()).put("algorithm", "ed25519");
        assertInvalidFields(post("/evaluators/" + evaluator() + "/keys", ADMIN, body), "algorithm");
    }

    @Test
    void revokedKeyStaysListedWithRevocationTime() {
        String name = evaluator();
        assertStatus(201, post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())));

        assertStatus(204, delete("/evaluators/" + name + "/keys/k1", ADMIN));

        assertThat(keys(name)).singleElement().satisfies(key -> {
            assertThat(key.get("keyid").asText()).isEqualTo("k1");
            assertThat(key.get("revoked_at").isTextual()).isTrue();
        });
    }

    @Test
    void revokingAKeyTwiceIsHarmlessAndAuditedOnce() {
        String name = evaluator();
        assertStatus(201, post("/evaluators/" + name + "/keys", ADMIN, keyBody("k1", ed25519Pem())));

        assertStatus(204, delete("/evaluators/" + name + "/keys/k1", ADMIN));
        String revokedAt = keys(name).get(0).get("revoked_at").asText();
        assertStatus(204, delete("/evaluators/" + name + "/keys/k1", ADMIN));

        assertThat(keys(name).get(0).get("revoked_at").asText()).isEqualTo(revokedAt);
        assertThat(auditCount("evaluator:" + name, "evaluator.key_revoked")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-key", "%20", "k%0A"})
    void revokingAnUnknownKeyIsNotFound(String keyid) {
        String name = evaluator();
        assertProblem(delete("/evaluators/" + name + "/keys/" + keyid, ADMIN), 404, "not-found");
    }

    private static String evaluator() {
        String name = unique("eval");
        assertStatus(201, post("/evaluators", ADMIN, nameBody(name)));
        return name;
    }

    private static List<JsonNode> keys(String evaluator) {
        List<JsonNode> keys = new ArrayList<>();
        assertStatus(200, get("/evaluators/" + evaluator, ADMIN)).body().get("keys").forEach(keys::add);
        return keys;
    }

    private static ObjectNode keyBody(String keyid, String pem) {
        return object().put("keyid", keyid).put("public_key_pem", pem);
    }

    static String ed25519Pem() {
        try {
            return pem("PUBLIC KEY", generated("Ed25519"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] generated(String algorithm) throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
