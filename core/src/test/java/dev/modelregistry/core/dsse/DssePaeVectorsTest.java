package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.SharedTestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSSE vectors shared with the Python client's tests ({@code testdata/dsse-pae-vectors.json}): the PAE bytes,
 * and the Ed25519 signature over them, which is deterministic, so the JDK must produce exactly the one OpenSSL did.
 */
class DssePaeVectorsTest {
    @TestFactory
    Stream<DynamicTest> everyVectorEncodesAndSignsAsTheFileSays() throws IOException {
        JsonNode file = SharedTestData.read("dsse-pae-vectors.json");
        PrivateKey privateKey = Ed25519Pem.privateKey(file.path("test_key").path("private_key_pem").asText());
        PublicKey publicKey = Ed25519Pem.publicKey(file.path("test_key").path("public_key_pem").asText());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : file.get("vectors")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                String type = vector.get("payload_type").asText();
                byte[] payload = Base64.getDecoder().decode(vector.get("payload_base64").asText());
                byte[] signature = Base64.getDecoder().decode(vector.get("signature_base64").asText());
                assertThat(Dsse.pae(type, payload)).isEqualTo(Base64.getDecoder().decode(vector.get("pae_base64").asText()));
                DsseEnvelope signed = Dsse.sign(type, payload, "test", privateKey);
                assertThat(signed.signatures().get(0).sig()).isEqualTo(signature);
                assertThat(Dsse.verifiedBy(signed, publicKey)).isTrue();
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }
}
