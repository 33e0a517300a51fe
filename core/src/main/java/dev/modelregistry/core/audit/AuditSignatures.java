package dev.modelregistry.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signatures of audit entries by a log key. An entry's signature covers its entry hash (which covers every
 * field but the global seq) under a domain prefix, so an entry signature can never be replayed as anything else.
 */
public final class AuditSignatures {
    private static final String PREFIX = "model-registry audit entry v1\n";
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private AuditSignatures() {
    }

    /** base64 of the signature of an entry hash. */
    public static String signEntry(PrivateKey key, String entryHash) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update((PREFIX + entryHash).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the audit entry: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} (base64) is {@code key}'s signature of {@code entryHash}. */
    public static boolean verifyEntry(PublicKey key, String entryHash, String signature) {
        try {
            return verify(key, (PREFIX + entryHash).getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The 32 raw bytes of an Ed25519 public key (the end of its SPKI encoding). */
    public static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /** An Ed25519 public key from its 32 raw bytes in base64. */
    public static PublicKey publicKey(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
