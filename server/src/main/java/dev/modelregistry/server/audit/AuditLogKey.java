package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The log key: the Ed25519 key this instance signs audit entries and checkpoints with. It is read from a file or an
 * environment variable and never stored in the database, which holds only its public half, so someone who can
 * write the database cannot sign an entry. Distinct from the manifest signing key.
 */
public record AuditLogKey(PrivateKey privateKey, PublicKey publicKey) {
    public static AuditLogKey of(KeyPair pair) {
        return new AuditLogKey(pair.getPrivate(), pair.getPublic());
    }

    public String keyId() {
        return Ed25519Pem.keyId(publicKey);
    }

    /** The 32 raw bytes of the public key in base64, as {@code GET /audit/keys} publishes it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(AuditSignatures.raw(publicKey));
    }
}
