package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.error.RegistryException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses PEM {@code PUBLIC KEY} blocks and accepts only Ed25519 keys, with the JDK's own provider. */
public final class Ed25519Keys {
    private static final Pattern PEM = Pattern.compile(
            "^\\s*-----BEGIN PUBLIC KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PUBLIC KEY-----\\s*$");

    private Ed25519Keys() {
    }

    public static PublicKey parsePublicKey(String field, String pem) {
        Matcher m = pem == null ? null : PEM.matcher(pem);
        if (m == null || !m.matches()) {
            throw RegistryException.invalid(field, "must be a PEM block 'BEGIN PUBLIC KEY'");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())) {
                throw RegistryException.invalid(field, "must be an Ed25519 key");
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw RegistryException.invalid(field, "is not an Ed25519 public key");
        }
    }
}
