package dev.modelregistry.client.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable traffic splitting: a routing key (an account, a request id) always falls in the same bucket 0–99, in
 * every process and language: the first 4 bytes of SHA-256 of its UTF-8 bytes, as an unsigned big-endian number,
 * modulo 100. Buckets below the canary's share go to the canary.
 */
public final class Routing {
    private Routing() {
    }

    public static int bucket(String routingKey) {
        if (routingKey == null) {
            throw new IllegalArgumentException("a routing key is required");
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(routingKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long first4 = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        return (int) (first4 % 100);
    }

    /** True when a key in {@code bucket} goes to a canary taking {@code canaryPct} percent of the traffic. */
    public static boolean toCanary(int bucket, int canaryPct) {
        return bucket < canaryPct;
    }
}
