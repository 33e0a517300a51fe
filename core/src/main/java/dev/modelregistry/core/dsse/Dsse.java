package dev.modelregistry.core.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * DSSE signing and verification with Ed25519. Signatures are always over the pre-authentication encoding
 * {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, never over the raw payload, so that a signature
 * cannot be replayed under another payload type.
 */
public final class Dsse {
    private Dsse() {
    }

    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static DsseEnvelope sign(String payloadType, byte[] payload, String keyid, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(pae(payloadType, payload));
            return new DsseEnvelope(payloadType, payload, List.of(new DsseSignature(keyid, signer.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** True when one of the envelope's signatures verifies with {@code key} over the PAE. */
    public static boolean verifiedBy(DsseEnvelope envelope, PublicKey key) {
        byte[] pae = pae(envelope.payloadType(), envelope.payload());
        for (DsseSignature signature : envelope.signatures()) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(pae);
                if (verifier.verify(signature.sig())) {
                    return true;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // A malformed signature or a key of another type simply does not verify.
            }
        }
        return false;
    }
}
