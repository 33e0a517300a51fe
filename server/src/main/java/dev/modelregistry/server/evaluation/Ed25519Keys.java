package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.error.RegistryException;

import java.security.PublicKey;

/** Checks a submitted PEM {@code PUBLIC KEY} block with core's {@link Ed25519Pem}, reporting problems against a field. */
public final class Ed25519Keys {
    private Ed25519Keys() {
    }

    public static PublicKey parsePublicKey(String field, String pem) {
        try {
            return Ed25519Pem.publicKey(pem);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid(field, "must be an Ed25519 key in a PEM 'BEGIN PUBLIC KEY' block ("
                    + e.getMessage() + ")");
        }
    }
}
