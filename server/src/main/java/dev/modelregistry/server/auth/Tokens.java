package dev.modelregistry.server.auth;

import dev.modelregistry.core.identity.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and checking bearer tokens: 256 random bits, stored as SHA-256, compared in constant time. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "mr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String newTokenId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "tok_" + HexFormat.of().formatHex(id);
    }

    public static String sha256(String token) {
        return CanonicalJson.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison, so response time says nothing about how much of a hash matched. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
