package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DsseTest {
    private static final String TYPE = "application/vnd.in-toto+json";

    @Test
    void paeIsTheDsseV1Encoding() {
        // The example from the DSSE specification's protocol document.
        assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void aSignedEnvelopeVerifiesWithItsKeyOnly() {
        KeyPair signer = Ed25519Pem.generate();
        KeyPair other = Ed25519Pem.generate();
        DsseEnvelope envelope = Dsse.sign(TYPE, "{}".getBytes(), "k1", signer.getPrivate());
        assertThat(Dsse.verifiedBy(envelope, signer.getPublic())).isTrue();
        assertThat(Dsse.verifiedBy(envelope, other.getPublic())).isFalse();
    }

    @Test
    void aSignatureOverTheRawPayloadDoesNotVerify() throws Exception {
        KeyPair signer = Ed25519Pem.generate();
        byte[] payload = "{\"a\":1}".getBytes();
        java.security.Signature raw = java.security.Signature.getInstance("Ed25519");
        raw.initSign(signer.getPrivate());
        raw.update(payload);
        DsseEnvelope envelope = new DsseEnvelope(TYPE, payload, List.of(new DsseSignature("k1", raw.sign())));
        assertThat(Dsse.verifiedBy(envelope, signer.getPublic())).isFalse();
    }

    @Test
    void changingThePayloadOrItsTypeBreaksTheSignature() {
        KeyPair signer = Ed25519Pem.generate();
        DsseEnvelope envelope = Dsse.sign(TYPE, "{\"v\":1}".getBytes(), "k1", signer.getPrivate());
        assertThat(Dsse.verifiedBy(new DsseEnvelope(TYPE, "{\"v\":2}".getBytes(), envelope.signatures()),
                signer.getPublic())).isFalse();
        assertThat(Dsse.verifiedBy(new DsseEnvelope("text/plain", envelope.payload(), envelope.signatures()),
                signer.getPublic())).isFalse();
    }

    @Test
    void envelopesRoundTripThroughJsonAndAcceptUrlSafeBase64() {
        KeyPair signer = Ed25519Pem.generate();
        byte[] payload = new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e, 0x3f};
        DsseEnvelope envelope = Dsse.sign(TYPE, payload, "k1", signer.getPrivate());
        ObjectNode json = envelope.toJson();
        DsseEnvelope parsed = DsseEnvelope.parse(json);
        assertThat(Dsse.verifiedBy(parsed, signer.getPublic())).isTrue();

        json.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
        ((ObjectNode) json.withArray("signatures").get(0)).put("sig",
                Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.signatures().get(0).sig()));
        assertThat(Dsse.verifiedBy(DsseEnvelope.parse(json), signer.getPublic())).isTrue();
    }

    @Test
    void malformedEnvelopesAreRefusedWithAReason() {
        assertThatThrownBy(() -> DsseEnvelope.parse(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payloadType");
    }

    @Test
    void pemRoundTripsAndKeyIdsAreStable() {
        KeyPair pair = Ed25519Pem.generate();
        assertThat(Ed25519Pem.publicKey(Ed25519Pem.toPem(pair.getPublic()))).isEqualTo(pair.getPublic());
        assertThat(Ed25519Pem.privateKey(Ed25519Pem.toPem(pair.getPrivate())).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(Ed25519Pem.keyId(pair.getPublic())).hasSize(32).isEqualTo(Ed25519Pem.keyId(pair.getPublic()));
    }
}
